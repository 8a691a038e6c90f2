/// A horizontal progress bar filled in proportion to `done / total`.
///
/// Filled columns are spaces in role `progressDone`, the rest are
/// `Glyphs.shadeLight` in role `progressTodo`. The optional label is centred
/// on the middle row; label characters over the unfilled part use role
/// `normal`. All arithmetic is integer.
public struct Gauge: Widget {
  /// Completed amount; clamped to `0 ... total`.
  public var done: Int
  /// Total amount; a non-positive total shows an empty bar.
  public var total: Int
  /// Text centred on the bar, truncated to its width.
  public var label: String?
  /// Theme providing the styles.
  public var theme: Theme
  /// Glyphs providing the unfilled symbol.
  public var glyphs: Glyphs

  /// Creates a gauge.
  public init(
    done: Int, total: Int, label: String? = nil, theme: Theme, glyphs: Glyphs = .unicode
  ) {
    self.done = done
    self.total = total
    self.label = label
    self.theme = theme
    self.glyphs = glyphs
  }

  /// Number of filled columns in a bar `width` columns wide (rounded down).
  public func filledColumns(width: Int) -> Int {
    Gauge.scaled(done, of: total, to: max(0, width))
  }

  /// Whole percentage (rounded down) of `done` out of `total`, such as
  /// `"42%"`; `"0%"` when `total` is not positive.
  public static func percentLabel(done: Int, total: Int) -> String {
    "\(scaled(done, of: total, to: 100))%"
  }

  /// Draws the bar over the whole area.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    let filled = filledColumns(width: area.width)
    let doneStyle = theme.style(.progressDone)
    let todoStyle = theme.style(.progressTodo)
    buffer.fill(
      Rect(x: area.x, y: area.y, width: filled, height: area.height),
      with: Cell(symbol: glyphs.fullBlock, style: doneStyle))
    buffer.fill(
      Rect(x: area.x + filled, y: area.y, width: area.width - filled, height: area.height),
      with: Cell(symbol: glyphs.shadeLight, style: todoStyle))
    guard let label else { return }
    let text = TextFit.truncate(label, width: area.width, ellipsis: glyphs.ellipsis)
    let start = area.x + (area.width - text.count) / 2
    let row = area.y + area.height / 2
    let labelTodoStyle = theme.style(.normal)
    for (offset, character) in text.enumerated() {
      let x = start + offset
      let style = x - area.x < filled ? doneStyle : labelTodoStyle
      buffer.setString(String(character), x: x, y: row, style: style)
    }
  }

  /// `value / total * scale` rounded down, with `value` clamped to
  /// `0 ... total`; exact for any `Int` inputs.
  private static func scaled(_ value: Int, of total: Int, to scale: Int) -> Int {
    guard total > 0, scale > 0 else { return 0 }
    let clamped = min(max(value, 0), total)
    let product = scale.multipliedFullWidth(by: clamped)
    return total.dividingFullWidth(product).quotient
  }
}
