import DMAApp
import DMAPanels
import TermCanvas
import Testing

/// `?` shows the keys; a second `?` the focused panel's legend, drawn in the cell buffer from
/// the tables the panel draws with; a third closes the help.
@Suite struct PanelLegendTests {
  static func legendText(focus: Character, zoom: Bool = false, glyphs: Glyphs = .unicode)
    throws -> String
  {
    var model = try AppFixtures.lessonModel("first-transfer", steps: 12, glyphs: glyphs)
    _ = model.update(.key(.character(focus)))
    if zoom { _ = model.update(.key(.enter)) }
    _ = model.update(.key(.character("?")))
    #expect(model.view().plainText.contains("press ? for the"))
    _ = model.update(.key(.character("?")))
    return model.view().plainText
  }

  @Test func theCacheLegendExplainsStatesAgeAndTheLastChange() throws {
    let text = try Self.legendText(focus: "2")
    #expect(text.contains("┌ Legend"))
    #expect(text.contains("st D   dirty: newer than RAM"))
    #expect(text.contains("st I   invalid"))
    #expect(text.contains("D→C@6  the last change: dirty, then clean, at step 6"))
    #expect(text.contains("age    LRU age in its set"))
  }

  @Test func theQueueLegendExplainsCodesAndTheRequestLine() throws {
    let text = try Self.legendText(focus: "3")
    #expect(text.contains("M2D"))
    #expect(text.contains("memory to a device"))
    #expect(text.contains("DRQ high"))
    #expect(text.contains("ch wait DRQ"))
  }

  @Test func theZoomedAddressMapLegendNamesItsGlyphs() throws {
    let plain = try Self.legendText(focus: "1")
    #expect(!plain.contains("a CMA area"))
    let zoomed = try Self.legendText(focus: "1", zoom: true)
    #expect(zoomed.contains("Address spaces (zoomed)"))
    #expect(zoomed.contains("▒") && zoomed.contains("a CMA area"))
    #expect(zoomed.contains("· ") && zoomed.contains("a 0x00 byte"))
    let ascii = try Self.legendText(focus: "1", zoom: true, glyphs: .ascii)
    #expect(ascii.contains("=") && ascii.contains("a CMA area"))
  }

  @Test func theCMALegendUsesTheStripGlyphs() throws {
    let text = try Self.legendText(focus: "6")
    #expect(text.contains("█") && text.contains("alloc: a page taken by cma_alloc"))
    #expect(text.contains("P") && text.contains("pinned"))
  }

  @Test func aThirdQuestionMarkCloses() throws {
    var model = try AppFixtures.lessonModel("first-transfer", steps: 0)
    for _ in 0..<3 { _ = model.update(.key(.character("?"))) }
    #expect(!model.showHelp)
    #expect(!model.helpShowsLegend)
  }
}
