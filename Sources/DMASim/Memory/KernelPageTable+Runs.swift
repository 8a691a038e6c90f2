/// Level-3 tables of a huge page-granular mapping, stored as one run instead of one dictionary
/// entry each: a 16 TiB linear map in 4 KiB pages needs 8 million PTE tables, which as
/// dictionary entries cost gigabytes and minutes before a scenario's first statement. A run
/// holds the prefixes `[firstPrefix, firstPrefix + count)` at `level`, numbered downward from
/// table number `firstNumber` (as `ensureTable` numbers tables one at a time).
struct TableRun: Hashable, Sendable {
  var level: Int
  var firstPrefix: UInt64
  var count: UInt64
  var firstNumber: UInt64
}

extension KernelPageTable {
  /// Mappings with more 2 MiB spans than this keep their interior PTE tables as a run (64 GiB
  /// in pages; every built-in board is smaller, so their table addresses are unchanged).
  static let runThresholdSpans: UInt64 = 1 << 15

  /// Table pages allocated so far (dictionary entries plus runs).
  var tableCount: UInt64 { UInt64(tables.count) + tableRuns.reduce(0) { $0 + $1.count } }

  /// The table page at `key`, if one exists.
  func tableAddress(_ key: TableKey) -> PhysAddr? {
    if let address = tables[key] { return address }
    for run in tableRuns where run.level == key.level {
      let offset = key.prefix &- run.firstPrefix
      if key.prefix >= run.firstPrefix, offset < run.count {
        return PhysAddr(tableAddress(number: run.firstNumber + offset))
      }
    }
    return nil
  }

  /// The physical address of the `number`th table page (1-based), top-down from the pool's end.
  /// A pool too small for every table continues above its end (the addresses only label the
  /// tables; none is ever handed out twice).
  func tableAddress(number: UInt64) -> UInt64 {
    let page = PhysicalMemory.pageSize
    let top = tablePool.base &+ tablePool.size
    let below = number.multipliedReportingOverflow(by: page)
    return !below.overflow && top > below.partialValue && top - below.partialValue >= page
      ? top - below.partialValue : top &+ number &* page
  }

  /// Tables for a page-granular mapping too big to walk span by span: levels 1 and 2 per
  /// 1 GiB, the PTE tables of the first and last 2 MiB spans one by one (a neighbouring
  /// mapping may share them), and the interior PTE tables as one run.
  mutating func allocateHugePageMapping(_ mapping: KernelMapping) -> Bool {
    let start = mapping.virtualBase.rawValue
    let (end, overflow) = start.addingReportingOverflow(mapping.size)
    let span = Self.entrySizes[2]
    guard mapping.granule == 4096, !overflow, mapping.size / span > Self.runThresholdSpans
    else { return false }
    var at = start & ~(Self.entrySizes[1] - 1)
    while at < end {
      let probe = VirtAddr(max(at, start))
      ensureTable(probe, level: 1)
      ensureTable(probe, level: 2)
      at &+= Self.entrySizes[1]
    }
    ensureTable(VirtAddr(start), level: 3)
    ensureTable(VirtAddr(end - 1), level: 3)
    let first = Self.key(VirtAddr(start), level: 3).prefix + 1
    let last = Self.key(VirtAddr(end - 1), level: 3).prefix
    if last > first {
      tableRuns.append(
        TableRun(level: 3, firstPrefix: first, count: last - first, firstNumber: tableCount + 1))
    }
    return true
  }
}
