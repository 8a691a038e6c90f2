/// A physical address range.
public struct PhysicalRange: Hashable, Sendable {
  /// First address.
  public var base: UInt64
  /// Length in bytes.
  public var size: UInt64

  /// Creates a range.
  public init(base: UInt64, size: UInt64) {
    self.base = base
    self.size = size
  }
}

/// One memory bank as the tree describes it.
public struct MemoryBank: Hashable, Sendable {
  /// The memory node's path (`/memory@40000000`).
  public var node: String
  /// First address.
  public var base: UInt64
  /// Length in bytes.
  public var size: UInt64

  /// Creates a bank.
  public init(node: String, base: UInt64, size: UInt64) {
    self.node = node
    self.base = base
    self.size = size
  }
}
