/// One memory access of a trace: a load or a store of `size` bytes at a physical address.
public struct TraceAccess: Hashable, Sendable {
  /// Load or store.
  public enum Kind: UInt8, Hashable, Sendable {
    /// A read (`R` in a trace).
    case load
    /// A write (`W` in a trace).
    case store
  }

  /// Load or store.
  public var kind: Kind
  /// The first byte's address.
  public var address: UInt64
  /// Bytes accessed (at least 1).
  public var size: UInt32

  /// Creates an access.
  public init(_ kind: Kind, address: UInt64, size: UInt32) {
    self.kind = kind
    self.address = address
    self.size = size
  }

  /// The largest access a trace may contain: one 4 KiB page.
  public static let maximumSize: UInt32 = 4096
}
