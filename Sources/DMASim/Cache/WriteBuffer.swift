/// The size and drain timing of the CPU's write buffer.
public struct WriteBufferSpec: Hashable, Sendable {
  /// How many line-sized entries it holds.
  public var entries: Int
  /// Ticks a buffered entry may wait before the buffer drains it on its own.
  public var drainTicks: UInt64

  /// Creates a spec (default: 4 entries, drained after 100 ticks).
  public init(entries: Int = 4, drainTicks: UInt64 = 100) {
    self.entries = entries
    self.drainTicks = drainTicks
  }
}

/// One write-buffer entry: the stores gathered for one line, not yet in RAM.
public struct WriteBufferEntry: Hashable, Sendable {
  /// The line's first physical address.
  public var line: PhysAddr
  /// The line's bytes (only those with `valid` set were stored).
  public var bytes: [UInt8]
  /// Per byte: whether a buffered store wrote it.
  public var valid: [Bool]
  /// The tick the entry was opened.
  public var since: UInt64
  /// How many stores merged into it.
  public var stores: Int

  /// How many bytes the entry will write.
  public var byteCount: Int { valid.filter { $0 }.count }
}

/// The CPU's write buffer for Normal non-cacheable (bufferable) stores.
///
/// arm64's Normal-NC memory (`MT_NORMAL_NC`: `pgprot_writecombine`, `pgprot_dmacoherent`) and
/// ARM32's C=0 B=1 are bufferable: a store may wait, and stores to the same line may gather
/// into one bus write. The model keeps up to `spec.entries` lines; a store merges into its
/// line's entry, or opens one (draining the oldest first when full). Entries reach RAM when a
/// barrier drains the buffer (`wmb`, `mb`, `dma_wmb`, and the `__iowmb` inside `writel`), when
/// the buffer is full, or `spec.drainTicks` after they were opened. Until then RAM and devices
/// do not see the bytes; the CPU's own loads do (store-to-load forwarding). Cacheable and
/// Device accesses never enter the buffer: Device memory is not gathering, each access goes to
/// the bus in order.
public struct WriteBuffer: Hashable, Sendable {
  /// Size and timing.
  public let spec: WriteBufferSpec
  /// Bytes per entry (the cache's line size).
  public let lineSize: Int
  /// The buffered entries, oldest first.
  public private(set) var entries: [WriteBufferEntry] = []

  /// Creates an empty buffer.
  public init(spec: WriteBufferSpec = WriteBufferSpec(), lineSize: Int = 64) {
    self.spec = spec
    self.lineSize = max(1, lineSize)
  }

  /// What a buffered store did.
  public struct StoreOutcome: Hashable, Sendable {
    /// Whether it merged into an entry already open for its line.
    public var merged: Bool
    /// The entry drained to make room, if the buffer was full.
    public var drained: WriteBufferEntry?
  }

  /// Buffers a store that lies within one line.
  public mutating func store(_ address: PhysAddr, bytes: [UInt8], tick: UInt64) -> StoreOutcome {
    let line = PhysAddr(address.rawValue - address.rawValue % UInt64(lineSize))
    let offset = Int(address.rawValue - line.rawValue)
    if let index = entries.firstIndex(where: { $0.line == line }) {
      for (position, byte) in bytes.enumerated() where offset + position < lineSize {
        entries[index].bytes[offset + position] = byte
        entries[index].valid[offset + position] = true
      }
      entries[index].stores += 1
      return StoreOutcome(merged: true, drained: nil)
    }
    var drained: WriteBufferEntry?
    if entries.count >= max(1, spec.entries) { drained = entries.removeFirst() }
    var entry = WriteBufferEntry(
      line: line, bytes: [UInt8](repeating: 0, count: lineSize),
      valid: [Bool](repeating: false, count: lineSize), since: tick, stores: 1)
    for (position, byte) in bytes.enumerated() where offset + position < lineSize {
      entry.bytes[offset + position] = byte
      entry.valid[offset + position] = true
    }
    entries.append(entry)
    return StoreOutcome(merged: false, drained: drained)
  }

  /// A later store of `byte` over `[address, address + count)` made without the buffer (a
  /// kernel memset through the same mapping): buffered bytes in the range take the new value, so
  /// draining them later cannot bring old data back.
  public mutating func overwrite(_ address: PhysAddr, count: UInt64, with byte: UInt8) {
    for index in entries.indices {
      let line = entries[index].line.rawValue
      guard line < address.rawValue &+ count, address.rawValue < line + UInt64(lineSize) else {
        continue
      }
      for offset in 0..<lineSize where entries[index].valid[offset] {
        let at = line + UInt64(offset)
        if at >= address.rawValue, at < address.rawValue &+ count {
          entries[index].bytes[offset] = byte
        }
      }
    }
  }

  /// Removes and returns every entry, oldest first (a barrier).
  public mutating func drainAll() -> [WriteBufferEntry] {
    defer { entries.removeAll() }
    return entries
  }

  /// Removes and returns the entries opened at or before `tick - spec.drainTicks`.
  public mutating func drainAged(at tick: UInt64) -> [WriteBufferEntry] {
    let aged = entries.prefix { $0.since + spec.drainTicks <= tick }
    entries.removeFirst(aged.count)
    return Array(aged)
  }

  /// The tick the oldest entry drains on its own, if any is buffered.
  public var nextDrainTick: UInt64? { entries.first.map { $0.since + spec.drainTicks } }

  /// The newest buffered value of a byte, if a store to it is waiting.
  public func byte(at address: PhysAddr) -> UInt8? {
    let line = PhysAddr(address.rawValue - address.rawValue % UInt64(lineSize))
    let offset = Int(address.rawValue - line.rawValue)
    guard let entry = entries.last(where: { $0.line == line }), entry.valid[offset] else {
      return nil
    }
    return entry.bytes[offset]
  }

  /// Whether any byte of `[address, address + count)` is waiting in the buffer.
  public func holds(_ address: PhysAddr, count: UInt64) -> Bool {
    entries.contains { entry in
      entry.line.rawValue < address.rawValue + count
        && address.rawValue < entry.line.rawValue + UInt64(lineSize)
        && entry.valid.indices.contains {
          entry.valid[$0] && entry.line.rawValue + UInt64($0) >= address.rawValue
            && entry.line.rawValue + UInt64($0) < address.rawValue + count
        }
    }
  }
}

extension PhysicalMemory {
  /// Writes a drained write-buffer entry's valid bytes.
  mutating func write(_ entry: WriteBufferEntry) {
    var start: Int?
    for index in 0...entry.valid.count {
      let valid = index < entry.valid.count && entry.valid[index]
      if valid, start == nil { start = index }
      if !valid, let first = start {
        write(entry.line.advanced(by: UInt64(first)), bytes: Array(entry.bytes[first..<index]))
        start = nil
      }
    }
  }
}
