import DMASim
import TermCanvas

/// The scenario source around the statement about to run: line numbers, that line marked and
/// highlighted (gdb marks the line it will execute next, not the one just executed), a few
/// lines before it and the rest after.
public struct SourcePanel: Widget {
  /// What to draw and how.
  public var context: PanelContext
  /// The scenario's source, one string per line.
  public var sourceLines: [String]

  /// Creates the panel.
  public init(context: PanelContext, sourceLines: [String]) {
    self.context = context
    self.sourceLines = sourceLines
  }

  /// The 1-based line of the statement the next CPU event runs: the call still in progress,
  /// or the statement that begins next; nil after the last.
  var currentLine: Int? {
    let machine = context.machine
    guard let index = machine.nextStatementIndex else { return nil }
    let line = machine.program.actions[index].line
    return line >= 1 && line <= sourceLines.count ? line : nil
  }

  /// Draws the lines around the current one into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard area.height > 0, !sourceLines.isEmpty else { return }
    let current = currentLine
    let finished = context.machine.cpu.finished
    // Keep two lines of context above the current line (more at the end of the file).
    let anchor = current ?? (finished ? sourceLines.count : 1)
    let first = max(1, min(anchor - min(2, area.height / 3), sourceLines.count - area.height + 1))
    let numberWidth = String(sourceLines.count).count
    for row in 0..<area.height {
      let number = first + row
      guard number <= sourceLines.count else { break }
      let isCurrent = number == current
      let mark = isCurrent ? "\(context.glyphs.arrowRight)" : " "
      let label = String(repeating: " ", count: numberWidth - String(number).count) + "\(number)"
      let text = context.drawable(sourceLines[number - 1])
        .split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "  ")
      let line = Line([
        context.span(mark, .highlight), context.span(label + " ", isCurrent ? .normal : .dim),
        context.span(text, isCurrent ? .highlight : .normal),
      ])
      buffer.setLine(line, x: area.x, y: area.y + row, maxWidth: area.width)
    }
  }
}
