import DMAPanels
import TermCanvas
import Testing

/// The event log from hand-built entries: newest at the bottom, the current step wrapping.
@Suite struct EventLogPanelTests {
  typealias Entry = EventLogPanelModel.Entry

  static let entries = [
    Entry(step: 1, source: .kernel, function: "dma_alloc_coherent", message: "ring 4 KiB"),
    Entry(step: 2, source: .hardware, function: "DMA", message: "read 64 B"),
    Entry(step: 3, source: .narration, function: "say", message: "The device reads."),
  ]

  private func panel(
    _ entries: [Entry] = entries, step: Int = 9, scrollBack: Int = 0,
    look: PanelLook = PanelRendering.unicode
  ) -> EventLogPanel {
    EventLogPanel(
      look: look,
      model: EventLogPanelModel(entries: entries, currentStep: step, scrollBack: scrollBack))
  }

  @Test func narrowPanelPrefixesTheFunction() {
    PanelRendering.expect(
      panel(), width: 40, height: 4,
      draws: """
        1    dma_alloc_coherent: ring 4 KiB
        2    DMA: read 64 B
        3    The device reads.

        """)
  }

  @Test func widePanelHasAFunctionColumn() {
    PanelRendering.expect(
      panel(), width: 100, height: 3,
      draws: """
        1    dma_alloc_coherent       ring 4 KiB
        2    DMA                      read 64 B
        3    say                      The device reads.
        """)
  }

  @Test func currentStepWrapsAtSpaces() {
    let long = Entry(
      step: 4, source: .debug, function: "check", message: "DMA-API: device driver frees memory")
    PanelRendering.expect(
      panel([long], step: 4), width: 28, height: 3,
      draws: """
        4    check: DMA-API: device
             driver frees memory

        """)
  }

  @Test func scrollBackShowsOlderEntriesUnwrapped() {
    PanelRendering.expect(
      panel(step: 3, scrollBack: 1), width: 24, height: 2,
      draws: """
        1    dma_alloc_coherent…
        2    DMA: read 64 B
        """)
  }

  @Test func asciiLookSpellsArrows() {
    let entry = Entry(step: 1, source: .kernel, function: "f", message: "a \u{2192} b \u{2026}")
    let text = PanelRendering.text(
      panel([entry], look: PanelRendering.ascii), width: 30, height: 1)
    #expect(text == "1    f: a -> b ...")
  }

  @Test func tinyAreasDrawNothingOutside() {
    for rect in PanelRendering.tinyRects {
      #expect(PanelRendering.touchedOutside(panel(step: 3), rect: rect) == [], "\(rect)")
    }
  }
}
