extension KernelAllocators {
  /// `cma_alloc` on the default area: first fit over the bitmap at the requested alignment,
  /// migrating lent movable pages out of the range; the pages are returned through their
  /// linear-map address.
  mutating func cmaAlloc(count: UInt64, align: Int, result: String?, bus: inout some AllocatorBus) {
    guard !cmaAreas.isEmpty else {
      bus.log(.kernel, "cma_alloc", "cma_alloc: no CMA area on this board = NULL")
      bus.assign(.error(.null), to: result)
      return
    }
    let logged = cmaAreas[0].log.count
    let migrated = cmaAreas[0].migrations.count
    let pfn = cmaAreas[0].allocate(pages: count, align: align)
    let pages: [LogSubject] =
      pfn.map { [.cmaPages(area: cmaAreas[0].name, pfn: $0, count: count)] } ?? []
    for line in cmaAreas[0].log.dropFirst(logged) {
      bus.log(.kernel, "cma_alloc", line.text, subjects: pages)
    }
    migrateMovablePages(area: 0, since: migrated, bus: &bus)
    guard let pfn, let virtual = bus.linearAddress(of: PhysAddr(pfn << 12)) else {
      bus.assign(.error(.null), to: result)
      bus.log(.kernel, "cma_alloc", "cma_alloc(\(cmaAreas[0].name), \(count), \(align)) = NULL")
      return
    }
    let id = bus.takeID()
    let allocation = Allocation(
      id: id, name: result ?? "cma\(id)", allocator: "cma:\(cmaAreas[0].name)",
      virtualAddress: virtual, physical: PhysAddr(pfn << 12), size: count << 12,
      reservedSize: count << 12, allocatedAtStep: bus.stepCount, cmaArea: cmaAreas[0].name)
    allocations.append(allocation)
    bus.assign(.pointer(virtual), to: result)
    bus.log(
      .kernel, "cma_alloc",
      "cma_alloc(\(cmaAreas[0].name), \(count) pages, align \(align)) = pfn \(Hex.prefixed(pfn)) "
        + "(\(virtual.hex)); \(cmaAreas[0].used) of \(cmaAreas[0].count) pages used",
      addresses: [LogAddress(.phys, pfn << 12)], subjects: [.allocation(allocation.id)] + pages)
  }

  /// `cma_release(cma, pages, count)` as mm/cma.c does it: `cma_pages_valid` wants the first
  /// page inside the area and the whole run inside it (else false, nothing done); then
  /// `free_contig_range` frees every page of the run (WARNing "%lu pages are still in use!"
  /// for pages whose refcount was not 1: the ones that were not allocated) and
  /// `cma_clear_bitmap` clears exactly the run. The kernel keeps no allocation records, so
  /// dmascope's follow the bitmap: every CMA allocation loses the pages the run covered
  /// (`KernelAllocators+CMARecords.swift`), whoever it belonged to.
  mutating func cmaRelease(_ pointer: Operand, count: UInt64, bus: inout some AllocatorBus) {
    guard let value = bus.resolve(pointer, for: "cma_release"), !cmaAreas.isEmpty else {
      return
    }
    let area = cmaAreas[0]
    // virt_to_page: only the linear map turns a CPU address into its struct page.
    guard case .pointer(let virtual) = value,
      let translation = bus.kernelTranslation(of: virtual),
      translation.mapping.name == KernelMapping.linearMapName,
      area.pagesValid(pfn: translation.physical.pfn, count: count)
    else {
      bus.log(
        .kernel, "cma_release",
        "cma_release(\(area.name), \(value.text), \(count)) = false: the pages are not in the "
          + "area (cma_pages_valid)")
      return
    }
    let pfn = translation.physical.pfn
    let stillInUse = count - cmaAllocatedPages(area: area.name, pfn: pfn, count: count)
    let subjects: [LogSubject] = [.cmaPages(area: area.name, pfn: pfn, count: count)]
    if stillInUse > 0 {
      // mm/page_alloc.c free_contig_range: pages whose page_count() is not 1 are counted.
      bus.log(
        .debug, "cma_release",
        "WARNING: free_contig_range: \(stillInUse) pages are still in use! (cma_release of "
          + "\(count) pages at pfn \(Hex.prefixed(pfn)); \(stillInUse) of them were not allocated)",
        subjects: subjects)
    }
    cmaAreas[0].release(pfn: pfn, pages: count)
    let trimmed = releaseCMARecords(area: area.name, pfn: pfn, count: count, nextID: &bus.nextID)
    bus.log(
      .kernel, "cma_release",
      "cma_release(\(area.name), pfn \(Hex.prefixed(pfn)), \(count)) = true",
      subjects: trimmed.map { .allocation($0) } + subjects)
  }
}
