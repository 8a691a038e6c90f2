import DMASim
import TermCanvas

/// The lesson narration (the latest `say`) and the scenario line being executed.
public struct NarrationPanel: Widget {
  /// What to draw and how.
  public var context: PanelContext
  /// Said after "scenario finished" once the program has run (the quiz score).
  public var finishedNote: String?

  /// Creates the panel.
  public init(context: PanelContext, finishedNote: String? = nil) {
    self.context = context
    self.finishedNote = finishedNote
  }

  /// Draws narration rows, then the current source line on the last row of `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard area.height > 0 else { return }
    let machine = context.machine
    let sourceLine: Line
    if let action = machine.currentAction, !action.text.isEmpty {
      sourceLine = Line([
        context.span(" \(context.glyphs.arrowRight) line \(action.line): ", .dim),
        context.span(context.drawable(action.text), .highlight),
      ])
    } else if machine.cpu.finished {
      sourceLine = Line(
        " scenario finished" + (finishedNote.map { "  \($0)" } ?? ""), style: context.style(.dim))
    } else {
      sourceLine = Line(" ready: press s to step, space to run", style: context.style(.dim))
    }
    let narrationRows = area.height - 1
    if narrationRows > 0, let text = machine.narration {
      let paragraph = Paragraph(
        [Line([context.span(" " + context.drawable(text), .narration)])], wrap: true,
        style: context.style(.narration)
      )
      paragraph.render(
        in: Rect(x: area.x, y: area.y, width: area.width, height: narrationRows), buffer: &buffer)
    }
    buffer.setLine(sourceLine, x: area.x, y: area.maxY - 1, maxWidth: area.width)
  }
}
