extension KernelAllocators {
  /// `__dma_direct_alloc_pages`: CMA first (the device's own area, else the default one for
  /// more than a page; only with a blocking gfp), kept only if `dma_coherent_ok`; then the
  /// page allocator in the zone the coherent limit asks for (`GFP_DMA` at or below
  /// `zone_dma_limit`: `belowZoneDMALimit`), retrying in ZONE_DMA when the pages are out of
  /// reach. `coherentLimit` is the device's coherent reach, for the log. Returns the pages,
  /// where they came from and the CMA area's name.
  mutating func directAllocPages(
    _ device: String, deviceArea: String?, pageCount: UInt64, flags: GFPFlags,
    coherentLimit: UInt64, belowZoneDMALimit: Bool, bus: inout some AllocatorBus
  ) -> (PhysAddr?, String, String?) {
    let size = pageCount * PhysicalMemory.pageSize
    let areaName = deviceArea ?? (pageCount > 1 ? cmaAreas.first?.name : nil)
    if flags.contains(.directReclaim), let name = areaName,
      let area = cmaAreas.firstIndex(where: { $0.name == name })
    {
      let order = min(UInt64(pageCount).nextPowerOfTwo.trailingZeroBitCount, 8)
      if let pfn = cmaAreas[area].allocate(pages: pageCount, align: order, noWarn: true) {
        let physical = PhysAddr(pfn << 12)
        if bus.dmaCoherentOK(device, physical, size: size) {
          return (physical, "CMA \(name)", name)
        }
        _ = cmaAreas[area].release(pfn: pfn, pages: pageCount)
        bus.log(
          .kernel, "dma_alloc_contiguous",
          "CMA \(name) gave \(physical.hex), beyond the coherent limit "
            + "\(Hex.prefixed(coherentLimit)): released, trying the page allocator")
      }
    }
    let wantsDMAZone = belowZoneDMALimit && dmaZonePages != nil
    if !wantsDMAZone, let physical = pages.allocateContiguous(pages: Int(pageCount)) {
      if bus.dmaCoherentOK(device, physical, size: size) {
        return (physical, "the page allocator", nil)
      }
      freePages(physical, count: pageCount)
      bus.log(
        .kernel, "__dma_direct_alloc_pages",
        "\(physical.hex) is beyond the coherent limit: freed, retrying with GFP_DMA")
    }
    if var zone = dmaZonePages, let physical = zone.allocateContiguous(pages: Int(pageCount)) {
      dmaZonePages = zone
      if bus.dmaCoherentOK(device, physical, size: size) {
        return (physical, "ZONE_DMA (GFP_DMA: the coherent mask is below the DMA zone limit)", nil)
      }
      freePages(physical, count: pageCount)
    }
    return (nil, "", nil)
  }

  /// `dma_alloc_from_dev_coherent`: the device has a pool, so the answer comes from it alone
  /// (`bitmap_find_free_region`: a naturally aligned power-of-two block of pages); a full
  /// pool gives NULL with no fallback. The CPU address is in the pool's `memremap`; no
  /// dma-debug entry is made. Returns the allocation and its device address.
  mutating func allocFromDevicePool(
    _ pool: inout DeviceCoherentPool, _ spec: DeviceSpec, size: UInt64, function: String,
    result: String?, bus: inout some AllocatorBus
  ) -> (Allocation, DMAAddr)? {
    let name = pool.name
    guard let block = pool.pool.allocate(size: size) else {
      bus.log(
        .kernel, function,
        "\(function)(\(spec.kernelName), \(size)) = NULL: the per-device pool \(name) has no "
          + "free block of \(1 << DMACoherentPool.order(of: size)) page(s)",
        detail: "dma_alloc_from_dev_coherent returns 1 with NULL: current kernels do not fall "
          + "back to CMA or the page allocator when a device's own pool is full.")
      bus.assign(.error(.null), to: result)
      return nil
    }
    let offset = block.physical - pool.pool.physicalBase
    let virtual = pool.virtualBase.advanced(by: offset)
    let order = DMACoherentPool.order(of: size)
    let bytes = (UInt64(1) << UInt64(order)) * PhysicalMemory.pageSize
    bus.log(
      .kernel, function,
      "\(function)(\(spec.kernelName), \(size)): dma_alloc_from_dev_coherent — pool \(name), "
        + "order \(order) (\(1 << order) page(s)) at \(PhysAddr(block.physical).hex); "
        + "\(pool.pool.usedPages) of \(pool.pool.pages) pages used",
      detail: "The device's own pool comes first; its CPU mapping is the pool's memremap "
        + "(MEMREMAP_WC, Normal non-cacheable), and dma-debug records nothing.")
    let id = bus.takeID()
    let allocation = Allocation(
      id: id, name: result ?? "coherent\(id)", allocator: function, virtualAddress: virtual,
      physical: PhysAddr(block.physical), size: size, reservedSize: bytes,
      allocatedAtStep: bus.stepCount)
    allocations.append(allocation)
    return (allocation, DMAAddr(block.device))
  }
}
