extension KernelAllocators {
  /// Pages of `[pfn, pfn + count)` that live CMA allocations of `area` hold (refcount 1 in the
  /// kernel; every other page of the run is free, refcount 0).
  func cmaAllocatedPages(area: String, pfn: UInt64, count: UInt64) -> UInt64 {
    let (end, overflow) = pfn.addingReportingOverflow(count)
    guard !overflow else { return 0 }
    var held: UInt64 = 0
    for allocation in allocations where allocation.cmaArea == area {
      let first = allocation.physical.pfn
      let last = first + allocation.reservedSize / PhysicalMemory.pageSize
      let low = max(first, pfn)
      let high = min(last, end)
      if low < high { held += high - low }
    }
    return held
  }

  /// Makes the allocation records of `area` follow its bitmap after `cma_release` freed
  /// `[pfn, pfn + count)`: an allocation inside the run ends, one that overlaps it keeps only
  /// the pages outside (split in two when the run is in its middle). Returns the ids of the
  /// allocations that lost pages.
  mutating func releaseCMARecords(
    area: String, pfn: UInt64, count: UInt64, nextID: inout Int
  ) -> [Int] {
    let page = PhysicalMemory.pageSize
    let (end, overflow) = pfn.addingReportingOverflow(count)
    guard !overflow else { return [] }
    var kept: [Allocation] = []
    var touched: [Int] = []
    for allocation in allocations {
      let first = allocation.physical.pfn
      let last = first + allocation.reservedSize / page
      guard allocation.cmaArea == area, first < end, pfn < last else {
        kept.append(allocation)
        continue
      }
      touched.append(allocation.id)
      // The pieces before and after the run, in pages from the allocation's first page.
      let pieces = [(0, min(last, pfn) > first ? pfn - first : 0), (end - first, last - first)]
      var newID = false
      for (low, high) in pieces where low < high {
        var piece = allocation
        if newID {
          piece.id = nextID
          nextID += 1
        }
        newID = true
        let offset = low * page
        piece.physical = allocation.physical.advanced(by: offset)
        piece.virtualAddress = allocation.virtualAddress.advanced(by: offset)
        piece.reservedSize = (high - low) * page
        piece.size =
          allocation.size > offset ? min(allocation.size - offset, piece.reservedSize) : 0
        if piece.size == 0 { piece.size = piece.reservedSize }
        kept.append(piece)
      }
    }
    allocations = kept
    return touched
  }
}
