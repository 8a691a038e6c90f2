extension Machine {
  /// `cma_alloc` on the default area: first fit over the bitmap at the requested alignment,
  /// migrating lent movable pages out of the range; the pages are returned through their
  /// linear-map address.
  mutating func cmaAlloc(count: UInt64, align: Int, result: String?) {
    guard !cmaAreas.isEmpty else {
      log(.kernel, "cma_alloc", "cma_alloc: no CMA area on this board = NULL")
      assign(.error(.null), to: result)
      return
    }
    let logged = cmaAreas[0].log.count
    let migrated = cmaAreas[0].migrations.count
    let pfn = cmaAreas[0].allocate(pages: count, align: align)
    let pages: [LogSubject] =
      pfn.map { [.cmaPages(area: cmaAreas[0].name, pfn: $0, count: count)] } ?? []
    for line in cmaAreas[0].log.dropFirst(logged) {
      log(.kernel, "cma_alloc", line.text, subjects: pages)
    }
    migrateMovablePages(area: 0, since: migrated)
    guard let pfn, let virtual = pageTable.linearAddress(of: PhysAddr(pfn << 12)) else {
      assign(.error(.null), to: result)
      log(.kernel, "cma_alloc", "cma_alloc(\(cmaAreas[0].name), \(count), \(align)) = NULL")
      return
    }
    let allocation = Allocation(
      id: nextID, name: result ?? "cma\(nextID)", allocator: "cma:\(cmaAreas[0].name)",
      virtualAddress: virtual, physical: PhysAddr(pfn << 12), size: count << 12,
      reservedSize: count << 12, allocatedAtStep: stepCount, cmaArea: cmaAreas[0].name)
    nextID += 1
    allocations.append(allocation)
    assign(.pointer(virtual), to: result)
    log(
      .kernel, "cma_alloc",
      "cma_alloc(\(cmaAreas[0].name), \(count) pages, align \(align)) = pfn \(Hex.prefixed(pfn)) "
        + "(\(virtual.hex)); \(cmaAreas[0].used) of \(cmaAreas[0].count) pages used",
      addresses: [LogAddress(.phys, pfn << 12)], subjects: [.allocation(allocation.id)] + pages)
  }

  /// `cma_release`: gives pages back to the area (false, and nothing done, for pages it does
  /// not own).
  mutating func cmaRelease(_ pointer: Operand, count: UInt64) {
    guard let value = resolve(pointer, for: "cma_release"), !cmaAreas.isEmpty else { return }
    guard case .pointer(let virtual) = value,
      let index = allocations.firstIndex(where: {
        $0.virtualAddress == virtual && $0.allocator.hasPrefix("cma:")
      })
    else {
      log(
        .kernel, "cma_release", "cma_release(\(value.text), \(count)) = false: not a CMA allocation"
      )
      return
    }
    let allocation = allocations[index]
    let unallocated = cmaAreas[0].releaseReportingUnallocated(
      pfn: allocation.physical.pfn, pages: count)
    let released = unallocated != nil
    // Releasing at least the whole allocation ends it; less leaves the rest allocated.
    if released, count >= allocation.size >> 12 { allocations.remove(at: index) }
    if let unallocated, unallocated > 0 {
      // mm/page_alloc.c free_contig_range: pages whose refcount is not 1 are counted.
      log(
        .debug, "cma_release",
        "WARNING: free_contig_range: \(unallocated) pages are still in use! (cma_release of "
          + "\(count) pages; cma_alloc gave \(allocation.size >> 12))")
    }
    log(
      .kernel, "cma_release",
      "cma_release(\(cmaAreas[0].name), pfn \(Hex.prefixed(allocation.physical.pfn)), \(count)) = "
        + "\(released)",
      subjects: [
        .allocation(allocation.id),
        .cmaPages(area: cmaAreas[0].name, pfn: allocation.physical.pfn, count: count),
      ])
  }
}
