import DMAApp
import DMAPanels
import TermCanvas
import Testing

/// Whole frames of the coherent-buffer lesson (soc8g) at 80x24, 120x40 and 200x60, in colour,
/// in monochrome, and in monochrome ASCII.
@Suite struct LayoutSnapshotTests {
  static let sizes = [
    Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60),
  ]

  @Test(arguments: sizes) func colour(size: Size) throws {
    let frame = try AppFixtures.lessonModel("coherent-buffer", steps: 40, size: size).view()
    assertSnapshot(frame.snapshotText, named: "coherent-\(size.width)x\(size.height)-colour")
  }

  @Test(arguments: sizes) func monochrome(size: Size) throws {
    let frame = try AppFixtures.lessonModel(
      "coherent-buffer", steps: 40, size: size, theme: .monochrome
    ).view()
    assertSnapshot(frame.snapshotText, named: "coherent-\(size.width)x\(size.height)-mono")
    #expect(
      frame.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
  }

  @Test(arguments: sizes) func monochromeASCII(size: Size) throws {
    let frame = try AppFixtures.lessonModel(
      "coherent-buffer", steps: 40, size: size, theme: .monochrome, glyphs: .ascii
    ).view()
    assertSnapshot(frame.snapshotText, named: "coherent-\(size.width)x\(size.height)-ascii")
    #expect(frame.cells.allSatisfy { $0.symbol.isASCII })
  }

  @Test func everyPanelHasAPlaceAtEachSize() throws {
    for size in Self.sizes {
      var model = try AppFixtures.lessonModel("coherent-buffer", steps: 40, size: size)
      for panel in PanelID.allCases {
        _ = model.update(.key(.character(Character("\(panel.rawValue + 1)"))))
        let text = model.view().plainText
        // The focused panel is drawn with its own title at the left of its top border.
        #expect(text.contains("\(panel.rawValue + 1) \(panel.title) "), "\(panel) at \(size)")
        #expect(model.focus == panel)
      }
    }
  }
}
