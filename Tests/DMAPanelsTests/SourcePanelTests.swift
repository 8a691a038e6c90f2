import DMAPanels
import TermCanvas
import Testing

/// The source panel from hand-built models: line numbers, the next line marked.
@Suite struct SourcePanelTests {
  static let lines = (1...12).map { "line \($0)" }

  private func panel(
    _ model: SourcePanelModel, look: PanelLook = PanelRendering.unicode
  ) -> SourcePanel {
    SourcePanel(look: look, model: model)
  }

  @Test func marksTheNextLineWithContextAbove() {
    PanelRendering.expect(
      panel(SourcePanelModel(sourceLines: Self.lines, currentLine: 6)), width: 16, height: 4,
      draws: """
          5 line 5
        → 6 line 6
          7 line 7
          8 line 8
        """)
  }

  @Test func finishedShowsTheEndOfTheFile() {
    PanelRendering.expect(
      panel(SourcePanelModel(sourceLines: Self.lines, currentLine: nil, finished: true)), width: 16,
      height: 3,
      draws: """
         10 line 10
         11 line 11
         12 line 12
        """)
  }

  @Test func tabsBecomeTwoSpacesAndAsciiArrow() {
    PanelRendering.expect(
      panel(
        SourcePanelModel(sourceLines: ["a\tb", "c"], currentLine: 1), look: PanelRendering.ascii),
      width: 12, height: 2,
      draws: """
        >1 a  b
         2 c
        """)
  }

  /// A line too long for the pane says so with an ellipsis in its last column (issue 15 item 5).
  @Test func longLinesEndInAnEllipsis() {
    let text = PanelRendering.text(
      panel(SourcePanelModel(sourceLines: ["abcdefghijklmnop"], currentLine: 99)), width: 8,
      height: 1)
    #expect(text == " 1 abcd\u{2026}")
  }

  @Test func tinyAreasDrawNothingOutside() {
    for rect in PanelRendering.tinyRects {
      let widget = panel(SourcePanelModel(sourceLines: Self.lines, currentLine: 3))
      #expect(PanelRendering.touchedOutside(widget, rect: rect) == [], "\(rect)")
    }
  }
}
