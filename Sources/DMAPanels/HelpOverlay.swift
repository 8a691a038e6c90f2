import TermCanvas

/// A centred box listing every key binding, grouped, generated from the key map. Groups flow
/// into more columns when the screen is wide enough to show every line whole; otherwise one
/// column scrolls like `less` (Up/Down, PgUp/PgDn, Home/End), with the shown range and a
/// "more" mark in the footer.
public struct HelpOverlay: Widget {
  /// Groups of (keys, description).
  public var groups: [(title: String, entries: [(keys: String, action: String)])]
  /// Colours.
  public var theme: Theme
  /// Border characters.
  public var glyphs: Glyphs
  /// The first line shown when the help scrolls (clamped to the last page).
  public var scroll: Int
  /// The box's title.
  public var title = "Keys"
  /// The footer's closing words.
  public var closeHint = "press ? or Esc to close"

  /// Creates the overlay.
  public init(
    groups: [(title: String, entries: [(keys: String, action: String)])], theme: Theme,
    glyphs: Glyphs, scroll: Int = 0
  ) {
    self.groups = groups
    self.theme = theme
    self.glyphs = glyphs
    self.scroll = scroll
  }

  /// The lines the box can show at once in `area` (the scroll step of PgUp/PgDn).
  public static func pageHeight(in area: Rect) -> Int { max(1, area.height - 5) }

  /// The largest useful `scroll` in `area`: 0 when everything fits.
  public func maximumScroll(in area: Rect) -> Int {
    let plan = layout(in: area)
    guard plan.scrolls else { return 0 }
    return max(0, plan.columns[0].count - Self.pageHeight(in: area))
  }

  private var keyWidth: Int { groups.flatMap { $0.entries.map(\.keys.count) }.max() ?? 4 }

  private var blocks: [[Line]] {
    let width = keyWidth
    return groups.map { group in
      [Line(group.title, style: theme.style(.overlayTitle))]
        + group.entries.map { entry in
          Line([
            Span("  " + Format.fit(entry.keys, width + 2), style: theme.style(.footerKey)),
            Span(entry.action, style: theme.style(.overlay)),
          ])
        }
    }
  }

  /// Columns of whole lines when they fit side by side, else one scrolling column.
  private func layout(in area: Rect) -> (columns: [[Line]], widths: [Int], scrolls: Bool) {
    let blocks = blocks
    let page = Self.pageHeight(in: area)
    let columns = layoutColumns(blocks, height: page)
    let widths = columns.map { ($0.map(\.width).max() ?? 0) + 2 }
    if widths.reduce(0, +) + 3 <= area.width { return (columns, widths, false) }
    var single: [Line] = []
    for block in blocks {
      if !single.isEmpty { single.append(.empty) }
      single += block
    }
    let width = min(max(8, area.width - 3), (single.map(\.width).max() ?? 0) + 2)
    return ([single], [width], single.count > page)
  }

  /// Draws the overlay centred in `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    let plan = layout(in: area)
    let page = Self.pageHeight(in: area)
    var columns = plan.columns
    var footerText = closeHint
    var more = false
    if plan.scrolls {
      let total = columns[0].count
      let first = max(0, min(scroll, total - page))
      let last = min(total, first + page)
      columns = [Array(columns[0][first..<last])]
      more = last < total
      footerText =
        (more ? "-- more \(glyphs.arrowDown) -- " : "-- end -- ")
        + "\(first + 1)-\(last)/\(total) Up Down PgUp PgDn  " + footerText
    }
    let footer = Line(footerText, style: theme.style(more ? .warning : .dim))
    let widths = plan.widths
    let contentHeight = (columns.map(\.count).max() ?? 0) + 2
    let width = min(area.width, max(footer.width + 4, widths.reduce(0, +) + 3))
    let height = min(area.height, contentHeight + 2)
    let box = Rect(
      x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width,
      height: height)
    buffer.fill(box, with: Cell(symbol: " ", style: theme.style(.overlay)))
    let block = Block(title: title, focused: true, theme: theme, glyphs: glyphs)
    block.render(in: box, buffer: &buffer)
    let inner = block.inner(box)
    var x = inner.x + 1
    for (index, column) in columns.enumerated() {
      defer { x += widths[index] }
      for (row, line) in column.prefix(inner.height).enumerated() {
        buffer.setLine(
          line, x: x, y: inner.y + row, maxWidth: max(0, min(widths[index] - 1, inner.maxX - x)),
          ellipsis: glyphs.ellipsis)
      }
    }
    if inner.height > 0 {
      buffer.setLine(
        footer, x: inner.x + 1, y: inner.maxY - 1, maxWidth: max(0, inner.width - 1),
        ellipsis: glyphs.ellipsis)
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
