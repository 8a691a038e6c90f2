/// The shape and policies of a data cache.
public struct CacheGeometry: Hashable, Sendable {
  /// What happens to a store that hits.
  public enum WritePolicy: Hashable, Sendable {
    /// Stores update the line and mark it dirty; RAM is written on eviction or clean.
    case writeBack
    /// Stores update the line and RAM at once; lines never become dirty.
    case writeThrough
  }

  /// Total data capacity in bytes.
  public var size: Int
  /// Associativity (lines per set).
  public var ways: Int
  /// Bytes per line (arm64 usually 64).
  public var lineSize: Int
  /// Write-hit policy.
  public var writePolicy: WritePolicy
  /// Whether a store that misses allocates a line (write-allocate).
  public var allocateOnWrite: Bool

  /// Creates a geometry; `size` must be a multiple of `ways * lineSize`.
  public init(
    size: Int, ways: Int, lineSize: Int = 64, writePolicy: WritePolicy = .writeBack,
    allocateOnWrite: Bool = true
  ) {
    self.size = size
    self.ways = ways
    self.lineSize = lineSize
    self.writePolicy = writePolicy
    self.allocateOnWrite = allocateOnWrite
  }

  /// Number of sets.
  public var sets: Int { max(1, size / max(1, ways * lineSize)) }

  /// The first address of the line holding `address`.
  public func lineAddress(_ address: PhysAddr) -> PhysAddr {
    PhysAddr(address.rawValue - address.rawValue % UInt64(lineSize))
  }

  /// The set that `address` maps to (physically indexed).
  public func setIndex(_ address: PhysAddr) -> Int {
    Int((address.rawValue / UInt64(lineSize)) % UInt64(sets))
  }

  /// The tag stored for `address` (physically tagged).
  public func tag(_ address: PhysAddr) -> UInt64 {
    address.rawValue / UInt64(lineSize * sets)
  }

  /// Rebuilds the line address from a set and a tag.
  public func lineAddress(set: Int, tag: UInt64) -> PhysAddr {
    PhysAddr((tag * UInt64(sets) + UInt64(set)) * UInt64(lineSize))
  }
}
