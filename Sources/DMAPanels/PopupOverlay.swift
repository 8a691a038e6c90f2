import TermCanvas

/// A centred box with a title and wrapped text lines (the `w` answer, find results). The
/// first line is the headline; every further line is one event and wraps with an indent.
public struct PopupOverlay: Widget {
  /// The box title.
  public var title: String
  /// The text lines.
  public var lines: [String]
  /// Colours.
  public var theme: Theme
  /// Border characters.
  public var glyphs: Glyphs

  /// Creates the overlay.
  public init(title: String, lines: [String], theme: Theme, glyphs: Glyphs) {
    self.title = title
    self.lines = lines
    self.theme = theme
    self.glyphs = glyphs
  }

  /// Draws the box centred in `area`, wrapping to at most 100 columns.
  public func render(in area: Rect, buffer: inout Buffer) {
    let width = min(area.width, 100)
    let textWidth = max(1, width - 4)
    var rows: [Line] = []
    for (index, text) in lines.enumerated() {
      let role: Role = index == 0 ? .overlayTitle : .overlay
      let wrapped = Self.wrap(
        DrawableText.make(text, glyphs: glyphs), width: textWidth, indent: index == 0 ? 0 : 2)
      rows += wrapped.map { Line($0, style: theme.style(role)) }
    }
    rows.append(Line("press any key to close", style: theme.style(.dim)))
    let height = min(area.height, rows.count + 2)
    let box = Rect(
      x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width,
      height: height)
    buffer.fill(box, with: Cell(symbol: " ", style: theme.style(.overlay)))
    let block = Block(title: title, focused: true, theme: theme, glyphs: glyphs)
    block.render(in: box, buffer: &buffer)
    let inner = block.inner(box)
    // Keep the headline and the newest events when the box cannot hold everything.
    var shown = rows
    if shown.count > inner.height, inner.height >= 3 {
      let tail = Array(rows.suffix(inner.height - 2))
      shown =
        [rows[0], Line("\(glyphs.ellipsis) earlier events left out", style: theme.style(.dim))]
        + tail
    }
    for (row, line) in shown.prefix(inner.height).enumerated() {
      buffer.setLine(
        line, x: inner.x + 1, y: inner.y + row, maxWidth: max(0, inner.width - 1),
        ellipsis: glyphs.ellipsis)
    }
  }

  /// Word-wraps `text` to `width` columns; continuation rows are indented by `indent`.
  static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
    var rows: [String] = []
    var current = ""
    let pad = String(repeating: " ", count: indent)
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      var piece = String(word)
      let candidate = current.isEmpty ? piece : current + " " + piece
      if candidate.count <= width {
        current = candidate
        continue
      }
      if !current.isEmpty { rows.append(current) }
      // A word longer than a row is cut into row-sized pieces.
      while pad.count + piece.count > width {
        let room = max(1, width - pad.count)
        rows.append(pad + piece.prefix(room))
        piece = String(piece.dropFirst(room))
      }
      current = pad + piece
    }
    if !current.isEmpty || rows.isEmpty { rows.append(current) }
    return rows
  }
}
