/// The cell counts a bus node gives its children's addresses.
public struct CellCounts: Hashable, Sendable {
  /// `#address-cells`.
  public var address: Int
  /// `#size-cells`.
  public var size: Int

  /// Creates cell counts.
  public init(address: Int, size: Int) {
    self.address = address
    self.size = size
  }

  /// The defaults of the Devicetree Specification when a node does not set them: 2 and 1.
  public static let specificationDefault = CellCounts(address: 2, size: 1)

  /// Reads `count` cells starting at `index` as one number (the low 64 bits), as the
  /// kernel's `of_read_number` does.
  public static func number(_ cells: [UInt32], at index: Int, count: Int) -> UInt64 {
    var result: UInt64 = 0
    for offset in 0..<count {
      result = (result << 32) | UInt64(cells[index + offset])
    }
    return result
  }
}
