/// What one cache access did.
public struct CacheAccess: Hashable, Sendable {
  /// The slot used (nil when a no-allocate store missed).
  public var slot: CacheSlot?
  /// Whether the line was already present.
  public var hit: Bool
  /// The line evicted to make room, if any.
  public var evicted: CacheEviction?
}

/// A line pushed out of the cache by a fill.
public struct CacheEviction: Hashable, Sendable {
  /// Physical address of the evicted line.
  public var lineAddress: PhysAddr
  /// Whether it was dirty (and so written back to RAM).
  public var wasDirty: Bool
}

/// What one maintenance operation did.
public struct CacheMaintenance: Hashable, Sendable {
  /// The slot that held the line, nil if the line was not cached.
  public var slot: CacheSlot?
  /// Whether dirty data was written back to RAM.
  public var wroteBack: Bool
}
