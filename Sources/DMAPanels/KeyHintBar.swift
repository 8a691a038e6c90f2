import TermCanvas

/// The bottom line: the most useful keys, generated from the key map.
public struct KeyHintBar: Widget {
  /// Key names and what they do, in display order.
  public var hints: [(key: String, action: String)]
  /// Colours.
  public var theme: Theme

  /// Creates the bar.
  public init(hints: [(key: String, action: String)], theme: Theme) {
    self.hints = hints
    self.theme = theme
  }

  /// Draws as many hints as fit on the first row of `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    let footer = theme.style(.footer)
    buffer.fill(
      Rect(x: area.x, y: area.y, width: area.width, height: 1),
      with: Cell(symbol: " ", style: footer))
    var x = area.x + 1
    for hint in hints {
      let width = hint.key.count + hint.action.count + 3
      guard x + width <= area.maxX else { break }
      x += buffer.setString(hint.key, x: x, y: area.y, style: theme.style(.footerKey))
      x += buffer.setString(" \(hint.action)  ", x: x, y: area.y, style: footer)
    }
  }
}
