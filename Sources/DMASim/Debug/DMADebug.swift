/// The DMA-API debugging layer (kernel/dma/debug.c, `CONFIG_DMA_API_DEBUG`) as a value.
///
/// It keeps one entry per live mapping in a hash of 16384 buckets keyed by `dev_addr >> 13`,
/// finds entries the way the kernel does (an exact address match with the best-fit rule for
/// unmap; a containing match walking back through earlier buckets for sync), tracks the first
/// cacheline of every mapping that lets the device write, and reports every check with the
/// kernel's exact text and the `DMA-API: driver device: ` prefix.
///
/// By default every error is shown (`all_errors=1`); `Options(allErrors: false)` gives the
/// kernel's default, where only the first `numErrors` (1) errors are printed and the rest only
/// counted. Pointers print unhashed (as with `no_hash_pointers`).
public struct DMADebug: Hashable, Sendable {
  /// Settings (the debugfs knobs and build constants).
  public struct Options: Hashable, Sendable {
    /// debugfs `all_errors`: show every error.
    public var allErrors: Bool
    /// debugfs `num_errors`: how many errors to show when `allErrors` is off.
    public var numErrors: Int
    /// `dma_debug_driver=`: only show errors of this driver (nil: all drivers).
    public var driverFilter: String?
    /// `L1_CACHE_SHIFT` (6 on arm64: 64-byte lines).
    public var cacheLineShift: Int
    /// How many cachelines the tracking tree can hold (nil: unlimited); reaching it models
    /// `radix_tree_insert` failing with `-ENOMEM`.
    public var cachelineCapacity: Int?

    /// Creates options; the defaults show every error.
    public init(
      allErrors: Bool = true, numErrors: Int = 1, driverFilter: String? = nil,
      cacheLineShift: Int = 6, cachelineCapacity: Int? = nil
    ) {
      self.allErrors = allErrors
      self.numErrors = numErrors
      self.driverFilter = driverFilter
      self.cacheLineShift = cacheLineShift
      self.cachelineCapacity = cachelineCapacity
    }
  }

  /// `HASH_SIZE`.
  public static let hashSize: UInt64 = 16384
  /// `HASH_FN_SHIFT`.
  public static let hashShift: UInt64 = 13
  /// `ACTIVE_CACHELINE_MAX_OVERLAP` (`(1 << RADIX_TREE_MAX_TAGS) - 1`).
  public static let maximumOverlap = 7

  /// The settings in force.
  public private(set) var options: Options
  /// debugfs `error_count`: every error, shown or not.
  public private(set) var errorCount = 0
  /// debugfs `num_errors` as it counts down.
  public private(set) var errorsLeftToShow: Int
  /// debugfs `disabled`: set when cacheline tracking ran out of memory.
  public private(set) var disabled = false
  /// Hash buckets by index; each list in insertion order (`list_add_tail`).
  var buckets: [UInt64: [DMADebugEntry]] = [:]
  /// Cacheline number → overlap count (the radix tree and its tags).
  var activeCachelines: [UInt64: Int] = [:]
  var overlapWarned = false
  var outOfMemoryReported = false

  /// Creates an empty table.
  public init(options: Options = Options()) {
    self.options = options
    errorsLeftToShow = options.numErrors
  }

  /// Every live entry, in bucket order then insertion order (as debugfs `dump` lists them).
  public var entries: [DMADebugEntry] {
    buckets.keys.sorted().flatMap { buckets[$0] ?? [] }
  }

  /// The first tracked cacheline number of a physical address.
  public func cachelineNumber(_ physical: PhysAddr) -> UInt64 {
    physical.rawValue >> UInt64(options.cacheLineShift)
  }

  static func bucket(_ address: DMAAddr) -> UInt64 {
    (address.rawValue >> hashShift) & (hashSize - 1)
  }

  /// `err_printk`: counts the error, shows it unless filtered or out of `num_errors`.
  mutating func report(
    _ check: DMADebugReport.Check, _ device: DMADebugDevice, _ entry: DMADebugEntry?,
    _ message: String, into reports: inout [DMADebugReport]
  ) {
    errorCount += 1
    let passes = options.driverFilter.map { $0 == device.driver } ?? true
    let shown = passes && (options.allErrors || errorsLeftToShow > 0)
    if !options.allErrors, errorsLeftToShow > 0 { errorsLeftToShow -= 1 }
    reports.append(
      DMADebugReport(
        check: check, text: "DMA-API: \(device.driver) \(device.name): " + message, shown: shown,
        entry: entry))
  }

  /// `__hash_bucket_find`: among matching entries a perfect fit on size, type, direction and sg
  /// count wins at once; otherwise the best partial fit, but only if it is the only match.
  func bestFit(
    in bucket: UInt64, _ ref: DMADebugEntry, _ matches: (DMADebugEntry) -> Bool
  ) -> DMADebugEntry? {
    var count = 0
    var best: DMADebugEntry?
    var bestLevel = -1
    for entry in buckets[bucket] ?? [] where matches(entry) {
      count += 1
      var level = 0
      if entry.size == ref.size { level += 1 }
      if entry.type == ref.type { level += 1 }
      if entry.direction == ref.direction { level += 1 }
      if entry.sgCallEntries == ref.sgCallEntries { level += 1 }
      if level == 4 { return entry }
      if level > bestLevel {
        bestLevel = level
        best = entry
      }
    }
    return count == 1 ? best : nil
  }

  /// `bucket_find_exact`: same device and address.
  func findExact(_ ref: DMADebugEntry) -> DMADebugEntry? {
    bestFit(in: Self.bucket(ref.dmaAddress), ref) {
      $0.dmaAddress == ref.dmaAddress && $0.device == ref.device
    }
  }

  /// `bucket_find_contain`: an entry of the device whose range holds the reference's range
  /// (with the kernel's 64-bit wrap-around arithmetic), trying earlier buckets in turn.
  func findContaining(_ ref: DMADebugEntry) -> DMADebugEntry? {
    let limit = min(Self.hashSize, (ref.dmaAddress.rawValue >> Self.hashShift) + 1)
    var address = ref.dmaAddress.rawValue
    for _ in 0..<limit {
      let found = bestFit(in: Self.bucket(DMAAddr(address)), ref) {
        $0.device == ref.device && $0.dmaAddress <= ref.dmaAddress
          && $0.dmaAddress.rawValue &+ $0.size >= ref.dmaAddress.rawValue &+ ref.size
      }
      if let found { return found }
      address &-= 1 << Self.hashShift
    }
    return nil
  }

  /// Removes an entry (by id) from its bucket and releases its cacheline.
  mutating func remove(_ entry: DMADebugEntry) {
    let bucket = Self.bucket(entry.dmaAddress)
    buckets[bucket]?.removeAll { $0.id == entry.id }
    if buckets[bucket]?.isEmpty == true { buckets[bucket] = nil }
    guard entry.direction != .toDevice else { return }
    let line = cachelineNumber(entry.physical)
    let overlap = (activeCachelines[line] ?? 0) - 1
    activeCachelines[line] = overlap < 0 ? nil : overlap
  }

  /// `add_dma_entry`: hashes the entry and tracks its first cacheline.
  mutating func add(
    _ entry: DMADebugEntry, skipCPUSync: Bool, into reports: inout [DMADebugReport]
  ) {
    buckets[Self.bucket(entry.dmaAddress), default: []].append(entry)
    guard entry.direction != .toDevice else { return }
    let line = cachelineNumber(entry.physical)
    if let overlap = activeCachelines[line] {
      if overlap + 1 > Self.maximumOverlap {
        if !overlapWarned {
          overlapWarned = true
          reports.append(
            DMADebugReport(
              check: .overlapLimitExceeded,
              text: "DMA-API: exceeded \(Self.maximumOverlap) overlapping mappings of cacheline "
                + "0x" + Hex.format(line, digits: 16), shown: true, entry: entry))
        }
      } else {
        activeCachelines[line] = overlap + 1
      }
      if !skipCPUSync {
        report(
          .overlappingCacheline, entry.device, entry,
          "cacheline tracking EEXIST, overlapping mappings aren't supported", into: &reports)
      }
    } else if let capacity = options.cachelineCapacity, activeCachelines.count >= capacity {
      disabled = true
      if !outOfMemoryReported {
        outOfMemoryReported = true
        reports.append(
          DMADebugReport(
            check: .cachelineTrackingOutOfMemory,
            text: "DMA-API: cacheline tracking ENOMEM, dma-debug disabled", shown: true,
            entry: entry))
      }
    } else {
      activeCachelines[line] = 0
    }
  }
}
