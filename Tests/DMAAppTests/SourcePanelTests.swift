import DMAApp
import DMAPanels
import TermCanvas
import Testing

/// The scenario source beside the narration on large screens, with the current line marked.
@Suite struct SourcePanelTests {
  @Test func theCurrentLineIsMarkedWithContext() throws {
    let model = try AppFixtures.lessonModel("coherent-buffer", steps: 40)
    let context = PanelContext(machine: model.machine, theme: .monochrome, glyphs: .ascii)
    var buffer = Buffer(size: Size(width: 50, height: 5))
    buffer.render(
      SourcePanel(context: context, sourceLines: model.scenario.sourceLines), in: buffer.area)
    let rows = buffer.plainText.split(separator: "\n").map(String.init)
    // Five rows: one line of context above (a third of the height), the rest below.
    #expect(rows[0].hasPrefix("  8 say \"Two pages come from CMA"))
    #expect(rows[1].hasPrefix("> 9 ring = dma_alloc_coherent(spi0, 8192"))
    #expect(rows[2].hasPrefix(" 10 expect handle != DMA_MAPPING_ERROR"))
    #expect(buffer[4, 1].style == context.style(.highlight))
    #expect(buffer[4, 2].style != context.style(.highlight))
  }

  @Test func shownOnlyWhereThereIsRoom() throws {
    let small = try AppFixtures.lessonModel(
      "coherent-buffer", steps: 40, size: Size(width: 80, height: 24))
    #expect(!small.view().plainText.contains("coherent-buffer.dms"))
    let large = try AppFixtures.lessonModel(
      "coherent-buffer", steps: 40, size: Size(width: 200, height: 60))
    let text = large.view().plainText
    #expect(text.contains("coherent-buffer.dms"))
    #expect(text.contains("→ 9 ring = dma_alloc_coherent(spi0, 8192, handle, GFP_KERNEL)"))
  }
}
