/// A bordered panel with an optional title on the left of the top edge and
/// an optional second title on the right.
///
/// The border uses role `border`, or `borderFocused` when focused; titles use
/// role `title`, and a focused panel's title is additionally drawn in reverse
/// video. Areas smaller than 2 x 2 degrade to a single line.
public struct Block: Widget {
  /// Text shown as ` title ` on the top edge, truncated with an ellipsis.
  public var title: String?
  /// Text shown as ` text ` at the right end of the top edge, if room is left.
  public var titleRight: String?
  /// Whether the panel has keyboard focus.
  public var focused: Bool
  /// Theme providing the styles.
  public var theme: Theme
  /// Glyphs used for the border.
  public var glyphs: Glyphs

  /// Creates a block.
  public init(
    title: String?,
    focused: Bool = false,
    theme: Theme,
    glyphs: Glyphs,
    titleRight: String? = nil
  ) {
    self.title = title
    self.focused = focused
    self.theme = theme
    self.glyphs = glyphs
    self.titleRight = titleRight
  }

  /// The area inside the border (`area` inset by one cell; empty for tiny
  /// areas).
  public func inner(_ area: Rect) -> Rect {
    area.inset(by: 1)
  }

  /// Draws the border and titles.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    let style = theme.style(focused ? .borderFocused : .border)
    if area.width < 2 || area.height < 2 {
      let symbol = area.height == 1 ? glyphs.horizontal : glyphs.vertical
      buffer.fill(area, with: Cell(symbol: symbol, style: style))
      return
    }
    let top = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
    let bottom = Rect(x: area.x + 1, y: area.maxY - 1, width: area.width - 2, height: 1)
    let left = Rect(x: area.x, y: area.y + 1, width: 1, height: area.height - 2)
    let right = Rect(x: area.maxX - 1, y: area.y + 1, width: 1, height: area.height - 2)
    buffer.fill(top, with: Cell(symbol: glyphs.horizontal, style: style))
    buffer.fill(bottom, with: Cell(symbol: glyphs.horizontal, style: style))
    buffer.fill(left, with: Cell(symbol: glyphs.vertical, style: style))
    buffer.fill(right, with: Cell(symbol: glyphs.vertical, style: style))
    buffer[area.x, area.y] = Cell(symbol: glyphs.topLeft, style: style)
    buffer[area.maxX - 1, area.y] = Cell(symbol: glyphs.topRight, style: style)
    buffer[area.x, area.maxY - 1] = Cell(symbol: glyphs.bottomLeft, style: style)
    buffer[area.maxX - 1, area.maxY - 1] = Cell(symbol: glyphs.bottomRight, style: style)
    drawTitles(on: top, buffer: &buffer)
  }

  private func drawTitles(on edge: Rect, buffer: inout Buffer) {
    var used = 0
    if let title, !title.isEmpty {
      used = drawPadded(title, x: edge.x, y: edge.y, room: edge.width, marked: focused, &buffer)
    }
    guard let titleRight, !titleRight.isEmpty else { return }
    let gap = used > 0 ? 1 : 0
    let room = edge.width - used - gap
    let text = TextFit.truncate(titleRight, width: room - 2, ellipsis: glyphs.ellipsis)
    guard !text.isEmpty else { return }
    let width = text.count + 2
    drawPadded(text, x: edge.maxX - width, y: edge.y, room: width, marked: false, &buffer)
  }

  /// Draws ` text ` (truncated to fit `room`) and returns the columns used.
  @discardableResult
  private func drawPadded(
    _ text: String, x: Int, y: Int, room: Int, marked: Bool, _ buffer: inout Buffer
  ) -> Int {
    let fitted = TextFit.truncate(text, width: room - 2, ellipsis: glyphs.ellipsis)
    guard !fitted.isEmpty else { return 0 }
    var style = theme.style(.title)
    if marked {
      style = style.adding(.reverse)
    }
    return buffer.setString(" " + fitted + " ", x: x, y: y, style: style, maxWidth: room)
  }
}
