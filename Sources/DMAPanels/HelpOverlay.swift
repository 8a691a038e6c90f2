import TermCanvas

/// A centred box listing every key binding, grouped, generated from the key map. Groups flow
/// into a second column when the screen is too short for one.
public struct HelpOverlay: Widget {
  /// Groups of (keys, description).
  public var groups: [(title: String, entries: [(keys: String, action: String)])]
  /// Colours.
  public var theme: Theme
  /// Border characters.
  public var glyphs: Glyphs

  /// Creates the overlay.
  public init(
    groups: [(title: String, entries: [(keys: String, action: String)])], theme: Theme,
    glyphs: Glyphs
  ) {
    self.groups = groups
    self.theme = theme
    self.glyphs = glyphs
  }

  /// Draws the overlay centred in `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    let keyWidth = groups.flatMap { $0.entries.map(\.keys.count) }.max() ?? 4
    let blocks = groups.map { group in
      [Line(group.title, style: theme.style(.overlayTitle))]
        + group.entries.map { entry in
          Line([
            Span("  " + Format.fit(entry.keys, keyWidth + 2), style: theme.style(.footerKey)),
            Span(entry.action, style: theme.style(.overlay)),
          ])
        }
    }
    let footer = Line("press ? or Esc to close", style: theme.style(.dim))
    let available = max(1, area.height - 4)
    let columns = layoutColumns(blocks, height: available)
    var widths = columns.map { ($0.map(\.width).max() ?? 0) + 2 }
    if widths.reduce(0, +) + 3 > area.width, !widths.isEmpty {
      // Too wide for the screen: equal columns, each line cut at its column's edge.
      widths = widths.map { _ in max(8, (area.width - 3) / widths.count) }
    }
    let contentHeight = (columns.map(\.count).max() ?? 0) + 2
    let width = min(area.width, max(footer.width + 4, widths.reduce(0, +) + 3))
    let height = min(area.height, contentHeight + 2)
    let box = Rect(
      x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width,
      height: height)
    buffer.fill(box, with: Cell(symbol: " ", style: theme.style(.overlay)))
    let block = Block(title: "Keys", focused: true, theme: theme, glyphs: glyphs)
    block.render(in: box, buffer: &buffer)
    let inner = block.inner(box)
    var x = inner.x + 1
    for (index, column) in columns.enumerated() {
      defer { x += widths[index] }
      for (row, line) in column.prefix(inner.height).enumerated() {
        buffer.setLine(
          line, x: x, y: inner.y + row, maxWidth: max(0, min(widths[index] - 1, inner.maxX - x)))
      }
    }
    if inner.height > 0 {
      buffer.setLine(footer, x: inner.x + 1, y: inner.maxY - 1, maxWidth: max(0, inner.width - 1))
    }
  }

  /// Places groups into as few columns as fit `height` rows (blank line between groups); a
  /// group taller than a column goes on in the next one under its title and `(cont.)`.
  private func layoutColumns(_ blocks: [[Line]], height: Int) -> [[Line]] {
    var columns: [[Line]] = [[]]
    for block in blocks {
      var remaining = block
      while !remaining.isEmpty {
        let current = columns[columns.count - 1]
        let room = current.isEmpty ? height : height - current.count - 1
        // A group that fits a column is never split; a taller one fills what is left.
        let fitsFresh = remaining.count <= height
        if room < min(2, remaining.count) || (fitsFresh && remaining.count > room) {
          columns.append([])
          continue
        }
        let piece = Array(remaining.prefix(room))
        columns[columns.count - 1] = current.isEmpty ? piece : current + [.empty] + piece
        remaining = Array(remaining.dropFirst(piece.count))
        if !remaining.isEmpty, let title = block.first {
          let text = title.spans.map(\.text).joined() + " (cont.)"
          remaining.insert(Line(text, style: theme.style(.overlayTitle)), at: 0)
          columns.append([])
        }
      }
    }
    return columns.filter { !$0.isEmpty }
  }
}
