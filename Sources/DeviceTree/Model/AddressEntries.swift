/// One decoded `reg` entry: an address in the parent bus's space and a size.
public struct RegEntry: Hashable, Sendable {
  /// Address (the low 64 bits of the address cells, as the kernel's `of_read_number`).
  public var address: UInt64
  /// Size in bytes (0 when the parent's `#size-cells` is 0).
  public var size: UInt64

  /// Creates an entry.
  public init(address: UInt64, size: UInt64) {
    self.address = address
    self.size = size
  }
}

/// One decoded `ranges` or `dma-ranges` entry: a window of the child bus mapped onto the
/// parent bus.
public struct RangeEntry: Hashable, Sendable {
  /// Start address on the child bus (child `#address-cells`).
  public var childAddress: UInt64
  /// Start address on the parent bus (parent `#address-cells`).
  public var parentAddress: UInt64
  /// Length in bytes (child `#size-cells`).
  public var size: UInt64

  /// Creates an entry.
  public init(childAddress: UInt64, parentAddress: UInt64, size: UInt64) {
    self.childAddress = childAddress
    self.parentAddress = parentAddress
    self.size = size
  }
}

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
