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

/// The address-space panel's byte rows: 32 bytes a row when both views fit, offsets as wide as
/// the last one shown needs.
@Suite struct ByteRowTests {
  @Test func wideRowsAndOffsets() throws {
    var model = try AppFixtures.lessonModel("iommu-scatter-gather", steps: 0)
    _ = model.update(.key(.character("c")))
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    var buffer = Buffer(size: Size(width: 78, height: 40))
    buffer.render(
      AddressSpacePanel(context: context, buffer: model.selectedBuffer), in: buffer.area)
    let text = buffer.plainText
    #expect(text.contains("off  CPU view"))
    #expect(text.contains("+000 piece 2 starts on the next page. piece 2 starts on the next page."))
    #expect(text.contains("+100 " + String(repeating: "\u{00B7}", count: 6)))
    var narrow = Buffer(size: Size(width: 40, height: 12))
    narrow.render(
      AddressSpacePanel(context: context, buffer: model.selectedBuffer), in: narrow.area)
    #expect(narrow.plainText.contains("+00 piece 2 starts o piece 2 starts o"))
  }
}
