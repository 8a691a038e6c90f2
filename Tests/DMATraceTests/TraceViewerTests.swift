import DMATrace
import DMATraceUI
import TermCanvas
import Testing

@Suite struct TraceViewerTests {
  func viewer(_ name: String, _ width: Int, _ height: Int) -> TraceViewer {
    TraceViewer(
      analysis: TraceFixtures.analysis(name), fileName: "\(name).trace",
      size: Size(width: width, height: height), theme: .monochrome, glyphs: .unicode)
  }

  @Test(arguments: [(80, 24), (120, 40), (200, 60)])
  func framesAtEachSize(_ width: Int, _ height: Int) {
    var viewer = viewer("boot-blk-smmu", width, height)
    viewer.step(400)
    assertTraceSnapshot(viewer.view().plainText, named: "boot-blk-smmu-400-\(width)x\(height)")
  }

  @Test func keysStepFindBreakAndWhy() {
    var viewer = viewer("misuse-unmap-size", 100, 30)
    for key in "s".map({ Key.character($0) }) { _ = viewer.handle(key) }
    #expect(viewer.debugger.step == 1)
    for key in ":break dma_unmap_page if dev == 0000:00:03.0" { _ = viewer.handle(.character(key)) }
    _ = viewer.handle(.enter)
    #expect(viewer.message == "breakpoint 1: dma_unmap_page if dev == 0000:00:03.0")
    for _ in 0..<3 { _ = viewer.handle(.character("c")) }
    #expect(viewer.debugger.currentIndex.map { viewer.debugger.analysis.events[$0].line } == 29)
    _ = viewer.handle(.character("w"))
    assertTraceSnapshot(viewer.view().plainText, named: "misuse-unmap-size-why")
    _ = viewer.handle(.escape)
    _ = viewer.handle(.character("S"))
    #expect(viewer.debugger.step == 16)
    for key in "/ffffe000" { _ = viewer.handle(.character(key)) }
    _ = viewer.handle(.enter)
    #expect(viewer.message == "/ffffe000: line 38")
    #expect(viewer.handle(.character("q")) == .quit)
  }

  @Test func whyAtAReleaseNamesTheLeakedMap() {
    var viewer = viewer("misuse-leak", 100, 30)
    _ = viewer.handle(.character("G"))
    _ = viewer.handle(.character("w"))
    guard case .popup(_, let lines) = viewer.mode else {
      Issue.record("w opened no popup")
      return
    }
    #expect(lines.contains("0000:00:03.0 leaves with 1 still mapped (its driver's release):"))
    #expect(lines.contains("  line 35: single FROM_DEVICE dma 0xffff9110 +64"))
  }

  @Test func asciiFrameHasOnlyASCII() {
    var viewer = TraceViewer(
      analysis: TraceFixtures.analysis("swiotlb-force"), fileName: "swiotlb-force.trace",
      size: Size(width: 100, height: 30), theme: .monochrome, glyphs: .ascii)
    viewer.step(300)
    let text = viewer.view().plainText
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
    #expect(text.contains("bounced"))
  }
}
