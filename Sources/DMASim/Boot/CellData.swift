/// Raw 32-bit cells of a property and its length in bytes (which may not be a multiple of 4).
public struct CellData: Hashable, Sendable {
  /// The cells (the whole 4-byte groups).
  public var cells: [UInt32]
  /// The property length in bytes.
  public var byteCount: Int

  /// Creates cell data.
  public init(cells: [UInt32], byteCount: Int) {
    self.cells = cells
    self.byteCount = byteCount
  }

  /// Cell data from whole cells.
  public init(_ cells: [UInt32]) { self.init(cells: cells, byteCount: cells.count * 4) }

  /// `dt_mem_next_cell`: `count` cells from `index` read as one number (low 64 bits).
  public func number(at index: Int, count: Int) -> UInt64 {
    var result: UInt64 = 0
    for offset in 0..<count where index + offset < cells.count {
      result = (result << 32) | UInt64(cells[index + offset])
    }
    return result
  }
}
