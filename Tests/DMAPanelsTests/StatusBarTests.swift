import DMAPanels
import TermCanvas
import Testing

/// The status bar from hand-built models: title, step, tick and the run state.
@Suite struct StatusBarTests {
  private func bar(_ model: StatusBarModel) -> StatusBar {
    StatusBar(look: PanelRendering.unicode, model: model)
  }

  @Test func pausedShowsTitleStepTickAndSpeed() {
    let text = PanelRendering.text(
      bar(StatusBarModel(title: "Cache", speed: 4, step: 3, tick: 12)), width: 48, height: 1)
    #expect(text == " dmascope  Cache    step 3  tick 12  paused 4/s")
  }

  @Test func lectureRunIsPlayingAndFinishWins() {
    let playing = PanelRendering.text(
      bar(StatusBarModel(title: "T", running: true, speed: 8, lecture: true, step: 1, tick: 2)),
      width: 42, height: 1)
    #expect(playing == " dmascope  T  step 1  tick 2  playing 8/s")
    let finished = PanelRendering.text(
      bar(StatusBarModel(title: "T", running: true, finished: true, step: 9, tick: 99)),
      width: 40, height: 1)
    #expect(finished == " dmascope  T  step 9  tick 99  finished")
  }

  @Test func messageReplacesTheTitleAndLongTextEndsInAnEllipsis() {
    let text = PanelRendering.text(
      bar(
        StatusBarModel(
          title: "Title", message: "history limit reached: older steps dropped", step: 5, tick: 7)),
      width: 44, height: 1)
    #expect(text == " dmascope  his\u{2026}  step 5  tick 7  paused 1/s")
  }

  @Test func tinyAreasDrawNothingOutside() {
    for rect in PanelRendering.tinyRects {
      let widget = bar(StatusBarModel(title: "a long lesson title", step: 123, tick: 456))
      #expect(PanelRendering.touchedOutside(widget, rect: rect) == [], "\(rect)")
    }
  }
}
