/// One way of one set of the data cache.
public struct CacheLine: Hashable, Sendable {
  /// The line's coherence state as far as this single CPU is concerned.
  public enum State: Hashable, Sendable {
    /// Holds nothing.
    case invalid
    /// Holds a copy equal to what was last read from or written to RAM.
    case clean
    /// Holds data newer than RAM; it must be written back before it is dropped.
    case dirty
  }

  /// Valid/dirty state.
  public var state: State = .invalid
  /// The physical tag.
  public var tag: UInt64 = 0
  /// The line's bytes (empty while invalid).
  public var data: [UInt8] = []
  /// When the line was last used (a global access counter; larger is more recent).
  public var lastUse: UInt64 = 0
  /// The step at which the line last changed state or data (for "why is this so?").
  public var changedAtStep: Int = 0
  /// The state before the last state change (`.invalid` for a fresh fill).
  public var previousState: State = .invalid

  /// Whether the line holds data.
  public var isValid: Bool { state != .invalid }
}

/// A position in the cache: a set and a way.
public struct CacheSlot: Hashable, Sendable, Comparable {
  /// The set index.
  public var set: Int
  /// The way index.
  public var way: Int

  /// Creates a slot.
  public init(set: Int, way: Int) {
    self.set = set
    self.way = way
  }

  /// Orders slots by set, then way.
  public static func < (lhs: CacheSlot, rhs: CacheSlot) -> Bool {
    (lhs.set, lhs.way) < (rhs.set, rhs.way)
  }
}
