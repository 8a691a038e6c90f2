import DMAApp
import TermCanvas
import Testing

/// Whole-screen frames of the default lesson at fixed sizes, stored as text snapshots.
@Suite struct FrameSnapshotTests {
  @Test func defaultLessonStep12At100x30() throws {
    let frame = try AppFixtures.model(steps: 12).view()
    assertSnapshot(frame.snapshotText, named: "default-step12-100x30")
  }

  @Test func defaultLessonStep40At80x24() throws {
    let frame = try AppFixtures.model(steps: 40, size: Size(width: 80, height: 24)).view()
    assertSnapshot(frame.snapshotText, named: "default-step40-80x24")
  }

  @Test func finishedLessonAt160x48() throws {
    let frame = try AppFixtures.model(steps: 200, size: Size(width: 160, height: 48)).view()
    assertSnapshot(frame.snapshotText, named: "default-finished-160x48")
  }

  @Test func asciiMonochromeAt100x30() throws {
    let frame = try AppFixtures.model(steps: 12, theme: .monochrome, glyphs: .ascii).view()
    assertSnapshot(frame.snapshotText, named: "default-step12-ascii-mono")
    #expect(frame.cells.allSatisfy { $0.symbol.isASCII })
  }

  @Test func helpOverlayAt80x24() throws {
    var model = try AppFixtures.model(size: Size(width: 80, height: 24))
    _ = model.update(.key(.character("?")))
    assertSnapshot(model.view().snapshotText, named: "help-80x24")
  }

  @Test func tooSmallTerminalSaysSo() throws {
    let text = try AppFixtures.model(size: Size(width: 60, height: 20)).view().plainText
    #expect(text.contains("terminal too small: need 80x24"))
  }
}
