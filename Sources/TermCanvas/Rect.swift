/// An axis-aligned rectangle of terminal cells.
///
/// `x`/`y` is the top-left cell; the rectangle covers the columns
/// `x ..< maxX` and the rows `y ..< maxY`. Widths and heights are clamped to
/// zero, so a `Rect` is never negative.
public struct Rect: Hashable, Sendable {
  /// Column of the left edge.
  public var x: Int
  /// Row of the top edge.
  public var y: Int

  /// Number of columns; never negative.
  public var width: Int {
    didSet { if width < 0 { width = 0 } }
  }

  /// Number of rows; never negative.
  public var height: Int {
    didSet { if height < 0 { height = 0 } }
  }

  /// Creates a rectangle, clamping a negative width or height to zero.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// Creates a rectangle at `x`/`y` with the given size.
  public init(x: Int, y: Int, size: Size) {
    self.init(x: x, y: y, width: size.width, height: size.height)
  }

  /// The empty rectangle at the origin.
  public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

  /// `true` when the rectangle covers no cells.
  public var isEmpty: Bool { width == 0 || height == 0 }

  /// One past the rightmost column (`x + width`).
  public var maxX: Int { x + width }

  /// One past the bottom row (`y + height`).
  public var maxY: Int { y + height }

  /// The rectangle's size.
  public var size: Size { Size(width: width, height: height) }

  /// The rectangle shrunk by `amount` cells on every side (grown for a
  /// negative amount). The result's width and height never go below zero.
  public func inset(by amount: Int) -> Rect {
    Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
  }

  /// The cells covered by both rectangles, or `Rect.zero` when they do not
  /// overlap.
  public func intersection(_ other: Rect) -> Rect {
    let left = max(x, other.x)
    let top = max(y, other.y)
    let right = min(maxX, other.maxX)
    let bottom = min(maxY, other.maxY)
    guard right > left, bottom > top else { return .zero }
    return Rect(x: left, y: top, width: right - left, height: bottom - top)
  }

  /// `true` when the cell at `x`/`y` lies inside the rectangle.
  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < maxX && py >= y && py < maxY
  }

  /// The row `index` rows below the top edge as a one-row rectangle, or an
  /// empty rectangle when it lies outside.
  public func row(_ index: Int) -> Rect {
    guard index >= 0, index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
    return Rect(x: x, y: y + index, width: width, height: 1)
  }
}
