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
