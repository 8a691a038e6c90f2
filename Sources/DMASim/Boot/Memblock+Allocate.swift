extension Memblock {
  /// `MEMBLOCK_ALLOC_ANYWHERE`.
  public static let anywhere = UInt64.max

  /// `memblock_find_in_range_node`: the lowest page is never returned; the search runs
  /// top-down unless `bottomUp` is set. Returns 0 when nothing fits.
  public func find(size: UInt64, align: UInt64, start: UInt64, end: UInt64) -> UInt64 {
    let low = max(start, pageSize)
    let high = max(low, end)
    let alignment = max(align, 1)
    let ranges = freeRanges()
    if bottomUp {
      for range in ranges {
        let thisStart = min(max(range.start, low), high)
        let thisEnd = min(max(range.end, low), high)
        guard let candidate = Self.roundUp(thisStart, alignment) else { continue }
        if candidate < thisEnd, thisEnd - candidate >= size { return candidate }
      }
      return 0
    }
    for range in ranges.reversed() {
      let thisStart = min(max(range.start, low), high)
      let thisEnd = min(max(range.end, low), high)
      guard thisEnd >= size else { continue }
      let candidate = (thisEnd - size) / alignment * alignment
      if candidate >= thisStart { return candidate }
    }
    return 0
  }

  /// `memblock_alloc_range_nid` / `memblock_phys_alloc_range`: finds and reserves. Returns 0
  /// on failure.
  public mutating func allocate(
    size: UInt64, align: UInt64, start: UInt64, end: UInt64
  ) -> UInt64 {
    let found = find(size: size, align: align, start: start, end: end)
    guard found != 0 else { return 0 }
    reserve(base: found, size: size)
    return found
  }

  /// `count` calls of `memblock_alloc(size: page, align: page)` in a row, as map_mem's
  /// `early_pgtable_alloc` makes them (arch/arm64/mm/mmu.c): each takes the highest free page
  /// (lowest, bottom-up), so the pages come in runs down (up) each free range. One reservation
  /// per run gives the same reserved map as one per page, in time proportional to the runs,
  /// not to the pages (a 16 TiB bank needs 8 Mi table pages). Returns how many were taken.
  @discardableResult
  public mutating func allocatePages(count: Int, pageSize page: UInt64) -> Int {
    guard page > 0 else { return 0 }
    var taken = 0
    while taken < count {
      let found = find(size: page, align: page, start: 0, end: Self.anywhere)
      guard found != 0,
        let range = freeRanges().first(where: { $0.start <= found && found < $0.end })
      else { break }
      let remaining = UInt64(count - taken)
      let low = max(range.start, pageSize)
      if bottomUp {
        let available = max(1, (range.end - found) / page)
        let run = min(remaining, available)
        reserve(base: found, size: run * page)
        taken += Int(run)
      } else {
        let floor = Self.roundUp(low, page) ?? found
        let available = found >= floor ? (found - floor) / page + 1 : 1
        let run = min(remaining, available)
        reserve(base: found + page - run * page, size: run * page)
        taken += Int(run)
      }
    }
    return taken
  }

  /// `round_up` without wrapping; nil on overflow.
  static func roundUp(_ value: UInt64, _ alignment: UInt64) -> UInt64? {
    let remainder = value % alignment
    guard remainder != 0 else { return value }
    let (result, overflow) = value.addingReportingOverflow(alignment - remainder)
    return overflow ? nil : result
  }
}
