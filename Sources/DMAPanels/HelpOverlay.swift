import TermCanvas

/// A centred box listing every key binding, grouped, generated from the key map.
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
    var lines: [Line] = []
    let keyWidth = groups.flatMap { $0.entries.map(\.keys.count) }.max() ?? 4
    for group in groups {
      if !lines.isEmpty { lines.append(.empty) }
      lines.append(Line(group.title, style: theme.style(.overlayTitle)))
      for entry in group.entries {
        lines.append(
          Line([
            Span("  " + Format.fit(entry.keys, keyWidth + 2), style: theme.style(.footerKey)),
            Span(entry.action, style: theme.style(.overlay)),
          ]))
      }
    }
    lines.append(.empty)
    lines.append(Line("press ? or Esc to close", style: theme.style(.dim)))
    let width = min(area.width, (lines.map(\.width).max() ?? 20) + 4)
    let height = min(area.height, lines.count + 2)
    let box = Rect(
      x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width,
      height: height)
    buffer.fill(box, with: Cell(symbol: " ", style: theme.style(.overlay)))
    let block = Block(title: "Keys", focused: true, theme: theme, glyphs: glyphs)
    block.render(in: box, buffer: &buffer)
    let inner = block.inner(box)
    for (row, line) in lines.prefix(inner.height).enumerated() {
      buffer.setLine(line, x: inner.x + 1, y: inner.y + row, maxWidth: max(0, inner.width - 1))
    }
  }
}
