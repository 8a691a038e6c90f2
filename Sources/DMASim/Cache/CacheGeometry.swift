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

extension CacheGeometry {
  /// Why this geometry cannot be simulated as a real cache, or nil when it can: the line size
  /// must be a power of two from 4 to 4096 bytes, the associativity at least 1, and the size
  /// `ways × line size × sets` with a power-of-two number of sets.
  public var problem: CacheGeometryProblem? {
    if lineSize < 4 || lineSize > 4096 || lineSize.nonzeroBitCount != 1 {
      return CacheGeometryProblem(
        field: .lineSize, message: "line size \(lineSize) is not a power of two from 4 to 4096",
        hint: "real data caches use 32, 64 or 128 bytes")
    }
    if ways < 1 || ways > 1024 {
      return CacheGeometryProblem(
        field: .ways, message: "associativity \(ways) is not from 1 to 1024",
        hint: "1 is direct-mapped; ways × line size = size is fully associative")
    }
    let setBytes = ways * lineSize
    if size < setBytes || size % setBytes != 0 {
      return CacheGeometryProblem(
        field: .size,
        message: "size \(size) is not a multiple of ways × line size (\(ways) × \(lineSize) = "
          + "\(setBytes))",
        hint: "for example \(setBytes * 16) (16 sets)")
    }
    let count = size / setBytes
    if count.nonzeroBitCount != 1 {
      let lower = 1 << (Int.bitWidth - 1 - count.leadingZeroBitCount)
      return CacheGeometryProblem(
        field: .size,
        message: "size \(size) gives \(count) sets; the number of sets must be a power of two",
        hint: "use \(lower * setBytes) (\(lower) sets) or \(lower * 2 * setBytes) "
          + "(\(lower * 2) sets)")
    }
    if size > 1 << 30 {
      return CacheGeometryProblem(
        field: .size, message: "size \(size) is larger than 1 GiB", hint: "use at most 1073741824")
    }
    return nil
  }
}

/// A reason a cache geometry is not valid.
public struct CacheGeometryProblem: Hashable, Sendable {
  /// The setting at fault.
  public enum Field: Hashable, Sendable {
    /// `size`.
    case size
    /// `ways`.
    case ways
    /// `lineSize`.
    case lineSize
  }

  /// The setting at fault.
  public var field: Field
  /// What is wrong.
  public var message: String
  /// How to fix it.
  public var hint: String
}
