/// A single cell that changed between two frames.
public struct CellUpdate: Hashable, Sendable {
  /// Column of the cell.
  public var x: Int
  /// Row of the cell.
  public var y: Int
  /// The new content of the cell.
  public var cell: Cell

  /// Creates an update.
  public init(x: Int, y: Int, cell: Cell) {
    self.x = x
    self.y = y
    self.cell = cell
  }
}
