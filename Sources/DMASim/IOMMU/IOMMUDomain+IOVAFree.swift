extension IOMMUDomain {
  /// The IOVA half of `__iommu_dma_unmap` (drivers/iommu/dma-iommu.c, v6.16):
  /// `iommu_dma_free_iova` → `free_iova_fast(iovad, pfn, pages)` with the caller's handle and
  /// size. The kernel frees whatever those name; the simulator follows it whenever that keeps
  /// the allocator sound (the handle and size are one live range's, even another buffer's), and
  /// otherwise logs what the kernel would do and leaves the range allocated, so the IOVA
  /// invariants (`IOMMU.iovaViolations`) hold after any driver mistake.
  mutating func freeIOVA(pfn: UInt64, pages: UInt64, bus: inout some IOMMUBus) {
    let call = "free_iova_fast(pfn \(Hex.prefixed(pfn)), \(pages) page(s))"
    var problem = iovad.inconsistentFree(pfn: pfn, pages: pages)
    if problem == nil, let range = iovad.find(pfn: pfn), let table = pageTable {
      // Pages of the range the caller's size did not reach are still mapped: the kernel frees
      // the range under them (a later iommu_map there fails with -EEXIST).
      let left = (range.pfnLo...range.pfnHi).filter { table.translate($0 << 12) != nil }.count
      if left > 0 {
        problem =
          "the range \(Hex.prefixed(range.pfnLo))-\(Hex.prefixed(range.pfnHi)) still maps "
          + "\(left) page(s) past the size given: freeing it would leave them mapped in free "
          + "IOVA space"
      }
    }
    if let problem {
      bus.log(
        .debug, "free_iova",
        "WARNING: \(call): \(problem); dmascope leaves the IOVA allocated (leaked) instead",
        addresses: [LogAddress(.iova, pfn << 12)])
      return
    }
    let cached = iovad.free(pfn: pfn, pages: pages)
    bus.log(
      .kernel, "free_iova",
      "\(call): "
        + (cached
          ? "kept in the order-\(IOVADomain.orderBase2(pages)) range cache (still "
            + "allocated, reused by the next allocation of that order)"
          : "back to the IOVA tree"))
  }

  /// Logs the pages an unmap cleared outside the IOVA range its handle falls in: with another
  /// buffer's size, `iommu_unmap_fast` tears down its neighbours' translations too, and their
  /// devices fault on the next access.
  func logOtherRangesCleared(start: UInt64, cleared: [UInt64], bus: inout some IOMMUBus) {
    let own = iovad.find(pfn: start >> 12)
    let others = cleared.filter { iova in
      guard let own else { return true }
      return iova >> 12 < own.pfnLo || iova >> 12 > own.pfnHi
    }
    guard let first = others.first else { return }
    bus.log(
      .debug, "iommu_unmap",
      "WARNING: iommu_unmap cleared \(others.count) page(s) outside the IOVA range of "
        + "\(Hex.prefixed(start)), from IOVA \(Hex.prefixed(first)): other mappings lost their "
        + "translations and their devices now fault there",
      addresses: [LogAddress(.iova, first)])
  }
}
