import TermCanvas

/// The lesson narration (the latest `say`) and the scenario line being executed.
public struct NarrationPanel: Widget {
  /// How to draw.
  public var look: PanelLook
  /// What to draw.
  public var model: NarrationPanelModel

  /// Creates the panel.
  public init(look: PanelLook, model: NarrationPanelModel) {
    self.look = look
    self.model = model
  }

  /// Draws narration rows, then the current source line on the last row of `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard area.height > 0, area.width > 0 else { return }
    let sourceLine: Line
    switch model.status {
    case .running(let line, let text):
      sourceLine = Line([
        look.span(" \(look.glyphs.arrowRight) line \(line): ", .dim),
        look.span(look.drawable(text), .highlight),
      ])
    case .finished(let note):
      sourceLine = Line(
        " scenario finished" + (note.map { "  \($0)" } ?? ""), style: look.style(.dim))
    case .ready:
      sourceLine = Line(" ready: press s to step, Space to play", style: look.style(.dim))
    }
    let narrationRows = area.height - 1
    let paragraph = narrationParagraph
    if narrationRows > 0, !paragraph.lines.isEmpty {
      paragraph.render(
        in: Rect(x: area.x, y: area.y, width: area.width, height: narrationRows), buffer: &buffer)
      if paragraph.rowCount(forWidth: area.width) > narrationRows {
        // Too long even for the grown area: say so on its last row rather than cut silently.
        let marker = " \(look.glyphs.ellipsis)more "
        let x = max(area.x, area.maxX - marker.count)
        buffer.setString(
          marker, x: x, y: area.y + narrationRows - 1, style: look.style(.dim),
          maxWidth: area.maxX - x)
      }
    }
    buffer.setLine(
      sourceLine, x: area.x, y: area.maxY - 1, maxWidth: area.width, ellipsis: look.glyphs.ellipsis)
  }

  /// The narration as wrapped text, one line per `say` of the step, under its caption.
  var narrationParagraph: Paragraph {
    let caption = model.caption.map { [Line([look.span(" " + look.drawable($0), .dim)])] } ?? []
    return Paragraph(
      caption
        + model.narrations.map { Line([look.span(" " + look.drawable($0), .narration)]) },
      wrap: true, style: look.style(.narration))
  }

  /// The rows the panel needs at a width to show its narration whole, with the source line.
  public func rowsNeeded(width: Int) -> Int {
    narrationParagraph.rowCount(forWidth: max(1, width)) + 1
  }
}
