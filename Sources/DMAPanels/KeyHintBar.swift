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

  /// Draws as many hints as fit on the first row of `area`; the last two (help and quit) are
  /// always kept.
  public func render(in area: Rect, buffer: inout Buffer) {
    let footer = theme.style(.footer)
    buffer.fill(
      Rect(x: area.x, y: area.y, width: area.width, height: 1),
      with: Cell(symbol: " ", style: footer))
    func width(_ hint: (key: String, action: String)) -> Int {
      hint.key.count + hint.action.count + 3
    }
    let essential = Array(hints.suffix(2))
    var room = area.width - 1 - essential.map(width).reduce(0, +)
    var shown: [(key: String, action: String)] = []
    for hint in hints.dropLast(2) where width(hint) <= room {
      shown.append(hint)
      room -= width(hint)
    }
    var x = area.x + 1
    for hint in shown + essential where x + width(hint) <= area.maxX {
      x += buffer.setString(hint.key, x: x, y: area.y, style: theme.style(.footerKey))
      x += buffer.setString(" \(hint.action)  ", x: x, y: area.y, style: footer)
    }
  }
}
