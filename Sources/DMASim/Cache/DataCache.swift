/// A physically indexed, physically tagged CPU data cache that holds real bytes.
///
/// Accesses go through `read`/`write` one line at a time; maintenance by address goes through
/// `clean`, `invalidate` and `cleanInvalidate`, as `dc cvac`, `dc ivac` and `dc civac` do.
public struct DataCache: Hashable, Sendable {
  /// Size, associativity and policies.
  public let geometry: CacheGeometry
  /// All lines, set-major: index = set * ways + way.
  public private(set) var lines: [CacheLine]
  private var useCounter: UInt64 = 0

  /// Creates an empty (all-invalid) cache.
  public init(geometry: CacheGeometry) {
    self.geometry = geometry
    lines = Array(repeating: CacheLine(), count: geometry.sets * geometry.ways)
  }

  /// The line at a slot.
  public func line(_ slot: CacheSlot) -> CacheLine { lines[slot.set * geometry.ways + slot.way] }

  /// The slot currently holding the line of `address`, if it is cached.
  public func lookup(_ address: PhysAddr) -> CacheSlot? {
    let set = geometry.setIndex(address)
    let tag = geometry.tag(address)
    for way in 0..<geometry.ways {
      let candidate = lines[set * geometry.ways + way]
      if candidate.isValid, candidate.tag == tag { return CacheSlot(set: set, way: way) }
    }
    return nil
  }

  /// The physical address of the line held in a slot.
  public func lineAddress(of slot: CacheSlot) -> PhysAddr {
    geometry.lineAddress(set: slot.set, tag: line(slot).tag)
  }

  /// The slot's age rank in its set: 0 is the most recently used valid line.
  public func age(of slot: CacheSlot) -> Int {
    let mine = line(slot)
    guard mine.isValid else { return geometry.ways - 1 }
    return (0..<geometry.ways).filter { way in
      let other = line(CacheSlot(set: slot.set, way: way))
      return other.isValid && other.lastUse > mine.lastUse
    }.count
  }

  /// What the CPU would read at `address` through a cacheable mapping, without touching state.
  public func peek(_ address: PhysAddr, ram: PhysicalMemory) -> UInt8 {
    guard let slot = lookup(address) else { return ram.byte(at: address) }
    let offset = Int(address.rawValue % UInt64(geometry.lineSize))
    return line(slot).data[offset]
  }

  /// Loads bytes through the cache (allocating on a miss). The range must not cross a line.
  public mutating func read(
    _ address: PhysAddr, count: Int, ram: inout PhysicalMemory, step: Int
  ) -> (bytes: [UInt8], access: CacheAccess) {
    let (slot, access) = fill(address, ram: &ram, step: step)
    let offset = Int(address.rawValue % UInt64(geometry.lineSize))
    let index = slot.set * geometry.ways + slot.way
    return (Array(lines[index].data[offset..<offset + count]), access)
  }

  /// Stores bytes through the cache. The range must not cross a line.
  ///
  /// Write-allocate caches fill the line first; without write-allocate a miss goes to RAM.
  public mutating func write(
    _ address: PhysAddr, bytes: [UInt8], ram: inout PhysicalMemory, step: Int
  ) -> CacheAccess {
    if lookup(address) == nil, !geometry.allocateOnWrite {
      ram.write(address, bytes: bytes)
      return CacheAccess(slot: nil, hit: false, evicted: nil)
    }
    let (slot, access) = fill(address, ram: &ram, step: step)
    let offset = Int(address.rawValue % UInt64(geometry.lineSize))
    let index = slot.set * geometry.ways + slot.way
    lines[index].data.replaceSubrange(offset..<offset + bytes.count, with: bytes)
    switch geometry.writePolicy {
    case .writeBack:
      if lines[index].state != .dirty {
        lines[index].previousState = lines[index].state
        lines[index].state = .dirty
        lines[index].changedAtStep = step
      }
    case .writeThrough: ram.write(address, bytes: bytes)
    }
    return access
  }

  /// `dc cvac`: writes a dirty line back to RAM and keeps it as clean.
  public mutating func clean(
    _ address: PhysAddr, ram: inout PhysicalMemory, step: Int
  ) -> CacheMaintenance {
    guard let slot = lookup(address) else { return CacheMaintenance(slot: nil, wroteBack: false) }
    let index = slot.set * geometry.ways + slot.way
    let dirty = lines[index].state == .dirty
    if dirty {
      ram.write(geometry.lineAddress(address), bytes: lines[index].data)
      lines[index].previousState = .dirty
      lines[index].state = .clean
      lines[index].changedAtStep = step
    }
    return CacheMaintenance(slot: slot, wroteBack: dirty)
  }

  /// `dc ivac`: drops a line without writing it back (dirty data is lost).
  public mutating func invalidate(_ address: PhysAddr, step: Int) -> CacheMaintenance {
    guard let slot = lookup(address) else { return CacheMaintenance(slot: nil, wroteBack: false) }
    let index = slot.set * geometry.ways + slot.way
    lines[index] = CacheLine(changedAtStep: step, previousState: lines[index].state)
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

  /// Overwrites one byte of a valid line in place (for coherent snoops).
  mutating func updateByte(_ slot: CacheSlot, offset: Int, value: UInt8) {
    lines[slot.set * geometry.ways + slot.way].data[offset] = value
  }

  private mutating func fill(
    _ address: PhysAddr, ram: inout PhysicalMemory, step: Int
  ) -> (CacheSlot, CacheAccess) {
    useCounter += 1
    if let slot = lookup(address) {
      lines[slot.set * geometry.ways + slot.way].lastUse = useCounter
      return (slot, CacheAccess(slot: slot, hit: true, evicted: nil))
    }
    let set = geometry.setIndex(address)
    let way = victimWay(in: set)
    let index = set * geometry.ways + way
    var evicted: CacheEviction?
    if lines[index].isValid {
      let victimAddress = geometry.lineAddress(set: set, tag: lines[index].tag)
      let dirty = lines[index].state == .dirty
      if dirty { ram.write(victimAddress, bytes: lines[index].data) }
      evicted = CacheEviction(lineAddress: victimAddress, wasDirty: dirty)
    }
    let base = geometry.lineAddress(address)
    lines[index] = CacheLine(
      state: .clean, tag: geometry.tag(address), data: ram.read(base, count: geometry.lineSize),
      lastUse: useCounter, changedAtStep: step)
    let slot = CacheSlot(set: set, way: way)
    return (slot, CacheAccess(slot: slot, hit: false, evicted: evicted))
  }

  private func victimWay(in set: Int) -> Int {
    var best = 0
    for way in 0..<geometry.ways {
      let candidate = lines[set * geometry.ways + way]
      if !candidate.isValid { return way }
      if candidate.lastUse < lines[set * geometry.ways + best].lastUse { best = way }
    }
    return best
  }
}

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

extension DataCache {
  /// A coherent device wrote RAM: update the bytes of any cached copy of those lines (their
  /// state is kept, so a dirty line stays dirty with the device's bytes merged in).
  public mutating func snoopWrite(_ address: PhysAddr, bytes: [UInt8]) {
    for (index, byte) in bytes.enumerated() {
      let at = address.advanced(by: UInt64(index))
      guard let slot = lookup(at) else { continue }
      let offset = Int(at.rawValue % UInt64(geometry.lineSize))
      updateByte(slot, offset: offset, value: byte)
    }
  }
}
