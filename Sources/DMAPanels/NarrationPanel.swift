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
      sourceLine = Line(" ready: press s to step, Space to play", style: context.style(.dim))
    }
    let narrationRows = area.height - 1
    let paragraph = narrationParagraph
    if narrationRows > 0, !paragraph.lines.isEmpty {
      paragraph.render(
        in: Rect(x: area.x, y: area.y, width: area.width, height: narrationRows), buffer: &buffer)
      if paragraph.rowCount(forWidth: area.width) > narrationRows {
        // Too long even for the grown area: say so on its last row rather than cut silently.
        let marker = " \(context.glyphs.ellipsis)more "
        buffer.setString(
          marker, x: area.maxX - marker.count, y: area.y + narrationRows - 1,
          style: context.style(.dim))
      }
    }
    buffer.setLine(sourceLine, x: area.x, y: area.maxY - 1, maxWidth: area.width)
  }

  /// The narration as wrapped text, one line per `say` of the step.
  var narrationParagraph: Paragraph {
    Paragraph(
      Self.narrations(of: context.machine).map {
        Line([context.span(" " + context.drawable($0), .narration)])
      }, wrap: true, style: context.style(.narration))
  }

  /// The rows the panel needs at a width to show its narration whole, with the source line.
  public func rowsNeeded(width: Int) -> Int {
    narrationParagraph.rowCount(forWidth: max(1, width)) + 1
  }

  /// What the narration area says: every `say` (and the `ask`) run in the step of the latest
  /// narration, in order, so two statements said together are both read; the latest
  /// narration alone when the log no longer holds its step.
  public static func narrations(of machine: Machine) -> [String] {
    guard let latest = machine.narration else { return [] }
    let entries = machine.log.suffix(min(machine.log.retainedCount, 512))
    guard
      let index = entries.lastIndex(where: {
        $0.source == .narration && ($0.function == "say" || $0.function == "ask")
      }), entries[index].message == latest
    else { return [latest] }
    let step = entries[index].step
    var texts: [String] = []
    for entry in entries[..<(index + 1)].reversed() {
      guard entry.step == step else { break }
      if entry.source == .narration, entry.function == "say" || entry.function == "ask" {
        texts.append(entry.message)
      }
    }
    return texts.reversed()
  }
}
