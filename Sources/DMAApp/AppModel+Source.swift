import DMAPanels
import TermCanvas

extension AppModel {
  /// Whether the screen is large enough to show the scenario source beside the narration.
  var showsSource: Bool { size.height >= 40 && size.width >= 100 }

  /// The screen's rows: status bar, panels, narration (with the source on large screens),
  /// key hints.
  var screenRows: [Constraint] {
    let base = showsSource ? (size.height >= 56 ? 8 : 6) : 3
    // The area grows with the narration, up to a third of the screen, so it is read whole.
    let width = showsSource ? size.width / 2 - 1 : size.width
    let needed = NarrationPanel(look: panelLook, model: narrationModel).rowsNeeded(width: width)
    let narration = max(base, min(needed, size.height / 3))
    return [.length(1), .fill(1), .length(narration), .length(1)]
  }

  /// The narration, and on large screens the source around the current line to its right.
  /// The score line once a lesson that asked questions has finished.
  var quizNote: String? { quizScore.asked > 0 ? quizScore.text : nil }

  func drawNarration(in area: Rect, buffer: inout Buffer) {
    let narration = NarrationPanel(look: panelLook, model: narrationModel)
    guard showsSource else {
      narration.render(in: area, buffer: &buffer)
      return
    }
    let halves = Layout.horizontal([.percentage(50), .fill(1)]).split(area)
    // One blank column keeps the narration from running into the source pane.
    narration.render(
      in: Rect(
        x: halves[0].x, y: halves[0].y, width: max(0, halves[0].width - 1),
        height: halves[0].height),
      buffer: &buffer)
    let source = halves[1]
    buffer.setString(
      scenario.fileName, x: source.x, y: source.y, style: theme.style(.title),
      maxWidth: source.width, ellipsis: glyphs.ellipsis)
    SourcePanel(
      look: panelLook,
      model: SourcePanelModel(machine: machine, sourceLines: shownSourceLines)
    ).render(
      in: Rect(x: source.x, y: source.y + 1, width: source.width, height: source.height - 1),
      buffer: &buffer)
  }

  /// The lesson's source as the pane may show it. While a question is open the pane stops at
  /// its `ask`, without the `answer`: the answer and the narration after it would tell.
  var shownSourceLines: [String] {
    let lines = scenario.sourceLines
    guard let quiz, machine.program.actions.indices.contains(quiz.actionIndex)
    else { return lines }
    let line = machine.program.actions[quiz.actionIndex].line
    guard line >= 1, line <= lines.count else { return lines }
    var shown = Array(lines.prefix(line))
    let text = shown[line - 1]
    if let answer = text.indices.first(where: { text[$0...].hasPrefix(" answer ") }) {
      shown[line - 1] = String(text[..<answer])
    }
    return shown + Array(repeating: "", count: lines.count - line)
  }
}
