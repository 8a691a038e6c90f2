/// Multi-line styled text that is either clipped at the right edge or
/// word-wrapped, and can be scrolled vertically.
public struct Paragraph: Widget {
  /// The logical lines.
  public var lines: [Line]
  /// `true` to word-wrap lines to the area's width, `false` to clip them.
  public var wrap: Bool
  /// Index of the first visual row shown (after wrapping). Negative values
  /// count as 0.
  public var scroll: Int
  /// Base style: the area is filled with it and span styles are patched on
  /// top of it.
  public var style: Style

  /// Creates a paragraph from lines.
  public init(_ lines: [Line], wrap: Bool = false, scroll: Int = 0, style: Style = .plain) {
    self.lines = lines
    self.wrap = wrap
    self.scroll = scroll
    self.style = style
  }

  /// Creates a paragraph from plain text, one line per `"\n"`-separated part.
  public init(text: String, wrap: Bool = false, scroll: Int = 0, style: Style = .plain) {
    let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
    self.init(parts.map { Line(String($0)) }, wrap: wrap, scroll: scroll, style: style)
  }

  /// The visual rows for an area `width` columns wide: the lines themselves
  /// when not wrapping, otherwise the word-wrapped rows.
  public func rows(forWidth width: Int) -> [Line] {
    guard wrap else { return lines }
    return lines.flatMap { Paragraph.wrap($0, width: width) }
  }

  /// Number of visual rows for an area `width` columns wide (useful to clamp
  /// `scroll`).
  public func rowCount(forWidth width: Int) -> Int {
    rows(forWidth: width).count
  }

  /// Draws the visible rows.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    buffer.fill(area, with: Cell(symbol: " ", style: style))
    let visible = rows(forWidth: area.width)
    let first = max(0, scroll)
    for offset in 0..<area.height {
      let index = first + offset
      guard index < visible.count else { break }
      let patched = Line(
        visible[index].spans.map { Span($0.text, style: style.patched(with: $0.style)) })
      buffer.setLine(patched, x: area.x, y: area.y + offset, maxWidth: area.width)
    }
  }

  /// Word-wraps `line` into rows of at most `width` columns.
  ///
  /// Breaks happen at spaces; spaces at a break are dropped and words longer
  /// than `width` are split. Leading spaces of the line are kept. An empty
  /// line yields one empty row; a non-positive width yields no rows.
  public static func wrap(_ line: Line, width: Int) -> [Line] {
    guard width > 0 else { return [] }
    let cells = line.cells
    guard !cells.isEmpty else { return [.empty] }
    var rows: [[Cell]] = []
    var current: [Cell] = []
    for token in tokens(cells) {
      if token.first?.symbol == " " {
        if current.isEmpty && !rows.isEmpty { continue }
        current.append(contentsOf: token.prefix(max(0, width - current.count)))
        continue
      }
      var word = token[...]
      if current.count + word.count > width {
        if !current.isEmpty {
          rows.append(trimmingTrailingSpaces(current))
          current = []
        }
        while word.count > width {
          rows.append(Array(word.prefix(width)))
          word = word.dropFirst(width)
        }
      }
      current.append(contentsOf: word)
    }
    if !current.isEmpty || rows.isEmpty {
      rows.append(current)
    }
    return rows.map { Line(cells: $0) }
  }

  /// Splits cells into alternating runs of spaces and non-spaces.
  private static func tokens(_ cells: [Cell]) -> [[Cell]] {
    var result: [[Cell]] = []
    var run: [Cell] = []
    for cell in cells {
      if let last = run.last, (last.symbol == " ") != (cell.symbol == " ") {
        result.append(run)
        run = []
      }
      run.append(cell)
    }
    if !run.isEmpty {
      result.append(run)
    }
    return result
  }

  private static func trimmingTrailingSpaces(_ cells: [Cell]) -> [Cell] {
    var trimmed = cells
    while trimmed.last?.symbol == " " {
      trimmed.removeLast()
    }
    return trimmed
  }
}
