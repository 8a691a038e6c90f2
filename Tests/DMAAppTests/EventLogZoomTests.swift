import DMAApp
import DMAPanels
import TermCanvas
import Testing

/// The zoomed event log wraps every entry in full, and `:log` filters it by kind.
@Suite struct EventLogZoomTests {
  static func zoomedLog(_ name: String, goto step: Int) throws -> AppModel {
    var model = try AppFixtures.lessonModel(name, steps: 0)
    AppFixtures.type(":goto \(step)", into: &model)
    _ = model.update(.key(.enter))
    _ = model.update(.key(.character("4")))
    _ = model.update(.key(.enter))
    return model
  }

  /// descriptor-ring at step 98: the older narration at step 91 used to end
  /// `…saw OWN and too…`; zoomed, it wraps whole.
  @Test func everyEntryWrapsWholeWhenZoomed() throws {
    let model = try Self.zoomedLog("descriptor-ring", goto: 98)
    let text = model.view().plainText
    #expect(text.contains("saw OWN and took"))
    #expect(text.contains("address 0, length 0."))
    #expect(!text.contains("saw OWN and too…"))
  }

  @Test func logKindShowsOnlyThoseKindsAndLogAllShowsEveryEntry() throws {
    var model = try Self.zoomedLog("first-transfer", goto: 60)
    #expect(model.view().plainText.contains("shifted out"))
    AppFixtures.type(":log hide beat,shift,drq", into: &model)
    _ = model.update(.key(.enter))
    var text = model.view().plainText
    #expect(model.message == "event log: hide beat,shift,drq (:log all shows every entry)")
    #expect(!text.contains("beat: dma0"))
    #expect(!text.contains("shifted out"))
    #expect(text.contains("dma_map_single") || text.contains("dma_map_page"))
    AppFixtures.type(":log kind say", into: &model)
    _ = model.update(.key(.enter))
    text = model.view().plainText
    #expect(!text.contains("dma_map_page"))
    #expect(text.contains("Prepare a descriptor"))
    AppFixtures.type(":log all", into: &model)
    _ = model.update(.key(.enter))
    #expect(model.logFilter == nil)
    AppFixtures.type(":log sideways", into: &model)
    _ = model.update(.key(.enter))
    #expect(model.message?.hasPrefix("usage: :log kind") == true)
  }
}
