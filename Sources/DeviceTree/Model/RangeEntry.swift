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
