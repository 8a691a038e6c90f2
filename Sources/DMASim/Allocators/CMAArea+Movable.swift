extension CMAArea {
  /// The buddy allocator places a movable page in a free part of the area (CMA pageblocks
  /// are `MIGRATE_CMA`, usable by movable allocations until CMA claims them). Returns false
  /// when the page is outside the area or already allocated by CMA.
  @discardableResult
  public mutating func lend(pfn: UInt64, pinned isPinned: Bool = false) -> Bool {
    guard pfn >= basePFN, pfn < basePFN + count else { return false }
    guard !bitmap.test(Int((pfn - basePFN) >> UInt64(orderPerBit))) else { return false }
    borrowed.insert(pfn)
    if isPinned { pinned.insert(pfn) }
    return true
  }

  /// Whether a page of the area is free for a movable allocation: neither claimed by
  /// `cma_alloc` nor already lent.
  func isFreeForMovable(_ pfn: UInt64) -> Bool {
    !borrowed.contains(pfn) && !bitmap.test(Int((pfn - basePFN) >> UInt64(orderPerBit)))
  }

  /// Unpins a page (its short-term pin was dropped) so a later claim can migrate it.
  public mutating func unpin(pfn: UInt64) { pinned.remove(pfn) }

  /// The movable page's owner freed it.
  public mutating func returnBorrowed(pfn: UInt64) {
    borrowed.remove(pfn)
    pinned.remove(pfn)
  }

  /// `alloc_contig_range(start, end)`: fails with `-EBUSY` if a pinned page lies in the
  /// range (logging `alloc_contig_range: [start, end) PFNs busy`), else migrates every
  /// borrowed page out of it and succeeds (nil).
  mutating func allocContigRange(start: UInt64, end: UInt64) -> KernelError? {
    let inRange = borrowed.filter { $0 >= start && $0 < end }.sorted()
    if inRange.contains(where: { pinned.contains($0) }) {
      log.append(
        KernelLogLine(
          .info,
          "alloc_contig_range: [\(String(start, radix: 16)), \(String(end, radix: 16))) PFNs "
            + "busy"))
      return .busy
    }
    for pfn in inRange {
      if nextMigrationTarget == 0 { nextMigrationTarget = basePFN + count }
      migrations.append(CMAMigration(from: pfn, to: nextMigrationTarget))
      nextMigrationTarget += 1
      borrowed.remove(pfn)
    }
    return nil
  }
}
