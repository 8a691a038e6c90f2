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

  /// `round_up` without wrapping; nil on overflow.
  static func roundUp(_ value: UInt64, _ alignment: UInt64) -> UInt64? {
    let remainder = value % alignment
    guard remainder != 0 else { return value }
    let (result, overflow) = value.addingReportingOverflow(alignment - remainder)
    return overflow ? nil : result
  }
}
