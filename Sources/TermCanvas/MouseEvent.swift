/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
  /// What the mouse did.
  public enum Kind: Hashable, Sendable {
    /// Primary button pressed.
    case press
    /// Primary button released.
    case release
    /// Wheel scrolled up.
    case scrollUp
    /// Wheel scrolled down.
    case scrollDown
  }

  /// Column of the pointer (0-based).
  public var x: Int
  /// Row of the pointer (0-based).
  public var y: Int
  /// The action.
  public var kind: Kind

  /// Creates a mouse event.
  public init(x: Int, y: Int, kind: Kind) {
    self.x = x
    self.y = y
    self.kind = kind
  }
}
