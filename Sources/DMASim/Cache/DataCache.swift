/// A physically indexed, physically tagged CPU data cache that holds real bytes.
///
/// Accesses go through `read`/`write` one line at a time; maintenance by address goes through
/// `clean`, `invalidate` and `cleanInvalidate`, as `dc cvac`, `dc ivac` and `dc civac` do.
/// `access(_:)` runs a trace access (tags, states and statistics only, no bytes).
///
/// Tags, states and LRU ages live in one compact array of slot records; the bytes live in one
/// flat buffer allocated on the first byte-level access, so a trace-driven run never touches
/// data and copies of the cache stay cheap value copies.
public struct DataCache: Hashable, Sendable {
  /// Size, associativity and policies.
  public let geometry: CacheGeometry
  /// Access counters since the cache was created.
  public internal(set) var statistics = CacheStatistics()
  /// One record per slot, set-major: index = set * ways + way.
  var records: [SlotRecord]
  /// The lines' bytes, `lineSize` per slot in slot order; empty until a byte-level access.
  var bytes: [UInt8] = []
  /// A global access counter; a record's `lastUse` is its value at the line's last use.
  var useCounter: UInt64 = 0
  /// Address arithmetic, precomputed from the geometry.
  let layout: CacheLayout

  /// Creates an empty (all-invalid) cache.
  public init(geometry: CacheGeometry) {
    self.geometry = geometry
    layout = CacheLayout(geometry)
    records = Array(repeating: SlotRecord(), count: geometry.sets * geometry.ways)
  }

  /// Every line, set-major: index = set * ways + way (built on demand from the records).
  public var lines: [CacheLine] { records.indices.map(line(atIndex:)) }

  /// The line at a slot.
  public func line(_ slot: CacheSlot) -> CacheLine {
    line(atIndex: slot.set * geometry.ways + slot.way)
  }

  /// The slot currently holding the line of `address`, if it is cached.
  public func lookup(_ address: PhysAddr) -> CacheSlot? {
    let (set, tag) = layout.split(layout.lineNumber(address.rawValue))
    for way in 0..<geometry.ways {
      let record = records[set * geometry.ways + way]
      if record.state != .invalid, record.tag == tag { return CacheSlot(set: set, way: way) }
    }
    return nil
  }

  /// The physical address of the line held in a slot.
  public func lineAddress(of slot: CacheSlot) -> PhysAddr {
    geometry.lineAddress(set: slot.set, tag: records[slot.set * geometry.ways + slot.way].tag)
  }

  /// The slot's age rank in its set: 0 is the most recently used valid line.
  public func age(of slot: CacheSlot) -> Int {
    let mine = records[slot.set * geometry.ways + slot.way]
    guard mine.state != .invalid else { return geometry.ways - 1 }
    let base = slot.set * geometry.ways
    return records[base..<base + geometry.ways].filter {
      $0.state != .invalid && $0.lastUse > mine.lastUse
    }.count
  }

  /// What the CPU would read at `address` through a cacheable mapping, without touching state.
  public func peek(_ address: PhysAddr, ram: PhysicalMemory) -> UInt8 {
    guard let slot = lookup(address) else { return ram.byte(at: address) }
    guard !bytes.isEmpty else { return 0 }
    let offset = Int(address.rawValue % UInt64(geometry.lineSize))
    return bytes[(slot.set * geometry.ways + slot.way) * geometry.lineSize + offset]
  }

  /// Loads bytes through the cache (allocating on a miss). The range must not cross a line.
  public mutating func read(
    _ address: PhysAddr, count: Int, ram: inout PhysicalMemory, step: Int
  ) -> (bytes: [UInt8], access: CacheAccess) {
    allocateBytes()
    let outcome = reference(line: layout.lineNumber(address.rawValue), store: false, step: step)
    statistics.loads += 1
    if outcome.hit { statistics.loadHits += 1 } else { statistics.loadMisses += 1 }
    let evicted = moveData(for: outcome, ram: &ram)
    let start =
      outcome.index * geometry.lineSize + Int(address.rawValue % UInt64(geometry.lineSize))
    return (Array(bytes[start..<start + count]), access(outcome, evicted: evicted))
  }

  /// Stores bytes through the cache. The range must not cross a line.
  ///
  /// Write-allocate caches fill the line first; without write-allocate a miss goes to RAM.
  /// `policy` overrides the geometry's write policy for this store (a write-through mapping on
  /// a write-back cache).
  public mutating func write(
    _ address: PhysAddr, bytes data: [UInt8], ram: inout PhysicalMemory, step: Int,
    policy: CacheGeometry.WritePolicy? = nil
  ) -> CacheAccess {
    allocateBytes()
    let writePolicy = policy ?? geometry.writePolicy
    let outcome = reference(
      line: layout.lineNumber(address.rawValue), store: true, step: step, policy: writePolicy)
    statistics.stores += 1
    if outcome.hit { statistics.storeHits += 1 } else { statistics.storeMisses += 1 }
    guard outcome.index >= 0 else {
      ram.write(address, bytes: data)
      return CacheAccess(slot: nil, hit: false, evicted: nil)
    }
    let evicted = moveData(for: outcome, ram: &ram)
    let start =
      outcome.index * geometry.lineSize + Int(address.rawValue % UInt64(geometry.lineSize))
    bytes.replaceSubrange(start..<start + data.count, with: data)
    if writePolicy == .writeThrough { ram.write(address, bytes: data) }
    return access(outcome, evicted: evicted)
  }

  /// `dc cvac`: writes a dirty line back to RAM and keeps it as clean.
  public mutating func clean(
    _ address: PhysAddr, ram: inout PhysicalMemory, step: Int
  ) -> CacheMaintenance {
    guard let slot = lookup(address) else { return CacheMaintenance(slot: nil, wroteBack: false) }
    let index = slot.set * geometry.ways + slot.way
    let dirty = records[index].state == .dirty
    if dirty {
      ram.write(geometry.lineAddress(address), bytes: lineBytes(index))
      records[index].previousState = .dirty
      records[index].state = .clean
      records[index].changedAtStep = step
    }
    return CacheMaintenance(slot: slot, wroteBack: dirty)
  }

  /// `dc ivac`: drops a line without writing it back (dirty data is lost).
  public mutating func invalidate(_ address: PhysAddr, step: Int) -> CacheMaintenance {
    guard let slot = lookup(address) else { return CacheMaintenance(slot: nil, wroteBack: false) }
    let index = slot.set * geometry.ways + slot.way
    records[index] = SlotRecord(changedAtStep: step, previousState: records[index].state)
    zeroBytes(ofSlot: index)
    return CacheMaintenance(slot: slot, wroteBack: false)
  }

  /// `dc civac`: writes a dirty line back, then drops it.
  public mutating func cleanInvalidate(
    _ address: PhysAddr, ram: inout PhysicalMemory, step: Int
  ) -> CacheMaintenance {
    let cleaned = clean(address, ram: &ram, step: step)
    _ = invalidate(address, step: step)
    return cleaned
  }

  private func line(atIndex index: Int) -> CacheLine {
    let record = records[index]
    return CacheLine(
      state: record.state, tag: record.tag,
      data: record.state == .invalid ? [] : lineBytes(index), lastUse: record.lastUse,
      changedAtStep: record.changedAtStep, previousState: record.previousState)
  }

  /// A slot's bytes (zeros when no byte-level access ever happened).
  func lineBytes(_ index: Int) -> [UInt8] {
    guard !bytes.isEmpty else { return [UInt8](repeating: 0, count: geometry.lineSize) }
    return Array(bytes[index * geometry.lineSize..<(index + 1) * geometry.lineSize])
  }

  /// Sets a slot's bytes to zero, if bytes are held at all. Never inlined: inlined into the
  /// trace path, the optimiser made `bytes` unique on every access, and for the shared empty
  /// array that meant allocating a fresh buffer each time (about a third of the run time).
  @inline(never)
  mutating func zeroBytes(ofSlot index: Int) {
    guard !bytes.isEmpty else { return }
    let start = index * geometry.lineSize
    for offset in start..<start + geometry.lineSize { bytes[offset] = 0 }
  }

  private mutating func allocateBytes() {
    guard bytes.isEmpty else { return }
    bytes = [UInt8](repeating: 0, count: records.count * geometry.lineSize)
  }

  /// Writes a dirty victim back and fills the new line from RAM, after a miss that allocated.
  private mutating func moveData(
    for outcome: LineOutcome, ram: inout PhysicalMemory
  ) -> CacheEviction? {
    guard !outcome.hit, outcome.index >= 0 else { return nil }
    var evicted: CacheEviction?
    if let victim = outcome.victim {
      let victimAddress = PhysAddr(victim.line &* UInt64(geometry.lineSize))
      if victim.dirty { ram.write(victimAddress, bytes: lineBytes(outcome.index)) }
      evicted = CacheEviction(lineAddress: victimAddress, wasDirty: victim.dirty)
    }
    let base = PhysAddr(outcome.line &* UInt64(geometry.lineSize))
    let start = outcome.index * geometry.lineSize
    bytes.replaceSubrange(
      start..<start + geometry.lineSize, with: ram.read(base, count: geometry.lineSize))
    return evicted
  }

  private func access(_ outcome: LineOutcome, evicted: CacheEviction?) -> CacheAccess {
    CacheAccess(
      slot: CacheSlot(set: outcome.index / geometry.ways, way: outcome.index % geometry.ways),
      hit: outcome.hit, evicted: evicted)
  }
}

extension DataCache {
  /// A coherent device wrote RAM: update the bytes of any cached copy of those lines (their
  /// state is kept, so a dirty line stays dirty with the device's bytes merged in).
  public mutating func snoopWrite(_ address: PhysAddr, bytes written: [UInt8]) {
    guard !bytes.isEmpty else { return }
    for (index, byte) in written.enumerated() {
      let at = address.advanced(by: UInt64(index))
      guard let slot = lookup(at) else { continue }
      let offset = Int(at.rawValue % UInt64(geometry.lineSize))
      bytes[(slot.set * geometry.ways + slot.way) * geometry.lineSize + offset] = byte
    }
  }
}
