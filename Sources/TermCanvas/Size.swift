/// A two-dimensional extent measured in terminal cells.
///
/// Negative values are clamped to zero, so a `Size` never describes a
/// negative area.
public struct Size: Hashable, Sendable {
  /// Number of columns; never negative.
  public var width: Int {
    didSet { if width < 0 { width = 0 } }
  }

  /// Number of rows; never negative.
  public var height: Int {
    didSet { if height < 0 { height = 0 } }
  }

  /// Creates a size, clamping negative dimensions to zero.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The empty size (0 x 0).
  public static let zero = Size(width: 0, height: 0)

  /// `true` when the size covers no cells.
  public var isEmpty: Bool { width == 0 || height == 0 }

  /// Number of cells covered (`width * height`).
  public var area: Int { width * height }
}
