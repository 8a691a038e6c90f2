import DMAPanels
import TermCanvas
import Testing

/// The narration panel from hand-built models: the narration, then where the program is.
@Suite struct NarrationPanelTests {
  private func panel(
    _ narrations: [String], _ status: NarrationPanelModel.Status,
    look: PanelLook = PanelRendering.unicode
  ) -> NarrationPanel {
    NarrationPanel(look: look, model: NarrationPanelModel(narrations: narrations, status: status))
  }

  @Test func readyBeforeTheFirstStep() {
    PanelRendering.expect(
      panel([], .ready), width: 44, height: 2,
      draws: """

         ready: press s to step, Space to play
        """)
  }

  @Test func narrationAboveTheRunningLine() {
    PanelRendering.expect(
      panel(["First.", "Second."], .running(line: 7, text: "sync(ring)")), width: 30, height: 3,
      draws: """
         First.
         Second.
         → line 7: sync(ring)
        """)
  }

  @Test func finishedWithTheQuizScore() {
    PanelRendering.expect(
      panel(["Done."], .finished(note: "2/3 right")), width: 40, height: 2,
      draws: """
         Done.
         scenario finished  2/3 right
        """)
  }

  /// A narration too long for its rows says "more"; the status row, cut, ends in an ellipsis.
  @Test func narrationTooLongSaysMore() {
    PanelRendering.expect(
      panel(["one two three four five six seven"], .ready), width: 16, height: 3,
      draws: """
         one two three
        four five …more
         ready: press s…
        """)
    let rows = panel(["one two three four five six seven"], .ready).rowsNeeded(width: 16)
    #expect(rows == 4)
  }

  @Test func asciiLookSpellsTheArrow() {
    let text = PanelRendering.text(
      panel([], .running(line: 2, text: "a \u{2014} b"), look: PanelRendering.ascii), width: 30,
      height: 1)
    #expect(text == " > line 2: a - b")
  }

  @Test func tinyAreasDrawNothingOutside() {
    for rect in PanelRendering.tinyRects {
      let widget = panel(["a long narration line"], .running(line: 1, text: "x"))
      #expect(PanelRendering.touchedOutside(widget, rect: rect) == [], "\(rect)")
    }
  }
}
