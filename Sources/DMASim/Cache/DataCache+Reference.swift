/// The bookkeeping of one slot: tag, state and LRU age, without the bytes.
struct SlotRecord: Hashable, Sendable {
  var tag: UInt64 = 0
  var lastUse: UInt64 = 0
  var changedAtStep = 0
  var state: CacheLine.State = .invalid
  var previousState: CacheLine.State = .invalid
}

/// Address arithmetic for a geometry: shifts and masks when sizes are powers of two (the
/// common case, and the only one `cachesim` accepts), division otherwise.
struct CacheLayout: Hashable, Sendable {
  let lineSize: UInt64
  let sets: UInt64
  let lineShift: UInt64
  let setShift: UInt64
  let powersOfTwo: Bool

  init(_ geometry: CacheGeometry) {
    lineSize = UInt64(max(1, geometry.lineSize))
    sets = UInt64(max(1, geometry.sets))
    powersOfTwo = lineSize.nonzeroBitCount == 1 && sets.nonzeroBitCount == 1
    lineShift = UInt64(lineSize.trailingZeroBitCount)
    setShift = UInt64(sets.trailingZeroBitCount)
  }

  /// The line number (address / line size) of a byte address.
  @inline(__always) func lineNumber(_ address: UInt64) -> UInt64 {
    powersOfTwo ? address &>> lineShift : address / lineSize
  }

  /// The set index and tag of a line number.
  @inline(__always) func split(_ line: UInt64) -> (set: Int, tag: UInt64) {
    powersOfTwo
      ? (Int(truncatingIfNeeded: line & (sets &- 1)), line &>> setShift)
      : (Int(truncatingIfNeeded: line % sets), line / sets)
  }
}

/// What one line reference did to the tags.
struct LineOutcome {
  /// The line referenced.
  var line: UInt64
  /// The slot index used, or -1 when a no-allocate store missed.
  var index: Int
  /// Whether the line was present.
  var hit: Bool
  /// The valid line replaced by the fill, if any.
  var victim: (line: UInt64, dirty: Bool)?
}

extension DataCache {
  /// References one line: a hit refreshes its LRU age, a miss allocates a slot (unless it is a
  /// store without write-allocate) by replacing the first invalid way or else the least recently
  /// used one; a store to a write-back cache dirties the line. Counts evictions and write-backs.
  @inline(__always)
  mutating func reference(
    line: UInt64, store: Bool, step: Int, policy: CacheGeometry.WritePolicy? = nil
  ) -> LineOutcome {
    let (set, tag) = layout.split(line)
    let ways = geometry.ways
    let base = set &* ways
    useCounter &+= 1
    var victimIndex = base
    var victimUse = UInt64.max
    var sawInvalid = false
    var hitIndex = -1
    for index in base..<base &+ ways {
      let record = records[index]
      if record.state == .invalid {
        if !sawInvalid {
          victimIndex = index
          sawInvalid = true
        }
      } else if record.tag == tag {
        hitIndex = index
        break
      } else if !sawInvalid, record.lastUse < victimUse {
        victimIndex = index
        victimUse = record.lastUse
      }
    }
    var outcome = LineOutcome(line: line, index: hitIndex, hit: hitIndex >= 0, victim: nil)
    if hitIndex >= 0 {
      records[hitIndex].lastUse = useCounter
    } else {
      if store, !geometry.allocateOnWrite { return outcome }
      let old = records[victimIndex]
      if old.state != .invalid {
        statistics.evictions &+= 1
        if old.state == .dirty { statistics.writebacks &+= 1 }
        outcome.victim = (old.tag &* layout.sets &+ UInt64(set), old.state == .dirty)
      }
      records[victimIndex] = SlotRecord(
        tag: tag, lastUse: useCounter, changedAtStep: step, state: .clean)
      outcome.index = victimIndex
    }
    if store, (policy ?? geometry.writePolicy) == .writeBack,
      records[outcome.index].state != .dirty
    {
      records[outcome.index].previousState = records[outcome.index].state
      records[outcome.index].state = .dirty
      records[outcome.index].changedAtStep = step
    }
    return outcome
  }
}
