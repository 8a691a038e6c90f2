import TermCanvas

/// The scenario source around the statement about to run: line numbers, that line marked and
/// highlighted (gdb marks the line it will execute next, not the one just executed), a few
/// lines before it and the rest after.
public struct SourcePanel: Widget {
  /// How to draw.
  public var look: PanelLook
  /// What to draw.
  public var model: SourcePanelModel

  /// Creates the panel.
  public init(look: PanelLook, model: SourcePanelModel) {
    self.look = look
    self.model = model
  }

  /// Draws the lines around the current one into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    let sourceLines = model.sourceLines
    guard area.height > 0, area.width > 0, !sourceLines.isEmpty else { return }
    let current = model.currentLine.flatMap { $0 >= 1 && $0 <= sourceLines.count ? $0 : nil }
    // Keep two lines of context above the current line (more at the end of the file).
    let anchor = current ?? (model.finished ? sourceLines.count : 1)
    let first = max(1, min(anchor - min(2, area.height / 3), sourceLines.count - area.height + 1))
    let numberWidth = String(sourceLines.count).count
    for row in 0..<area.height {
      let number = first + row
      guard number <= sourceLines.count else { break }
      let isCurrent = number == current
      let mark = isCurrent ? "\(look.glyphs.arrowRight)" : " "
      let label = String(repeating: " ", count: numberWidth - String(number).count) + "\(number)"
      let text = look.drawable(sourceLines[number - 1])
        .split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "  ")
      let line = Line([
        look.span(mark, .highlight), look.span(label + " ", isCurrent ? .normal : .dim),
        look.span(text, isCurrent ? .highlight : .normal),
      ])
      buffer.setLine(
        line, x: area.x, y: area.y + row, maxWidth: area.width, ellipsis: look.glyphs.ellipsis)
    }
  }
}
