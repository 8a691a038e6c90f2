extension Machine {
  /// `dma_coherent_ok`: the buffer's last bus address is within
  /// `min_not_zero(coherent_dma_mask, bus_dma_limit)`.
  func dmaCoherentOK(_ device: String, _ physical: PhysAddr, size: UInt64) -> Bool {
    let bus = busAddress(physical, for: device).rawValue
    let end = bus.addingReportingOverflow(max(size, 1) - 1)
    return !end.overflow && end.partialValue <= reachLimit(device, coherent: true)
  }

  /// `__dma_direct_alloc_pages`: CMA first (the device's own area, else the default one for
  /// more than a page; only with a blocking gfp), kept only if `dma_coherent_ok`; then the
  /// page allocator in the zone the coherent limit asks for (`GFP_DMA` at or below
  /// `zone_dma_limit`), retrying in ZONE_DMA when the pages are out of reach. Returns the
  /// pages, where they came from and the CMA area's name.
  mutating func directAllocPages(
    _ device: String, _ spec: DeviceSpec, pageCount: UInt64, flags: GFPFlags
  ) -> (PhysAddr?, String, String?) {
    let size = pageCount * PhysicalMemory.pageSize
    let areaName =
      masks(of: device).cmaArea ?? (pageCount > 1 ? allocators.cmaAreas.first?.name : nil)
    if flags.contains(.directReclaim), let name = areaName,
      let area = allocators.cmaAreas.firstIndex(where: { $0.name == name })
    {
      let order = min(UInt64(pageCount).nextPowerOfTwo.trailingZeroBitCount, 8)
      if let pfn = allocators.cmaAreas[area].allocate(pages: pageCount, align: order, noWarn: true)
      {
        let physical = PhysAddr(pfn << 12)
        if dmaCoherentOK(device, physical, size: size) { return (physical, "CMA \(name)", name) }
        _ = allocators.cmaAreas[area].release(pfn: pfn, pages: pageCount)
        log(
          .kernel, "dma_alloc_contiguous",
          "CMA \(name) gave \(physical.hex), beyond the coherent limit "
            + "\(Hex.prefixed(reachLimit(device, coherent: true))): released, trying the page "
            + "allocator")
      }
    }
    let limit = physicalAddress(DMAAddr(reachLimit(device, coherent: true)), for: device)
    let wantsDMAZone = limit.rawValue <= board.zoneDMALimit && allocators.dmaZonePages != nil
    if !wantsDMAZone, let physical = allocators.pages.allocateContiguous(pages: Int(pageCount)) {
      if dmaCoherentOK(device, physical, size: size) {
        return (physical, "the page allocator", nil)
      }
      freePages(physical, count: pageCount)
      log(
        .kernel, "__dma_direct_alloc_pages",
        "\(physical.hex) is beyond the coherent limit: freed, retrying with GFP_DMA")
    }
    if var zone = allocators.dmaZonePages,
      let physical = zone.allocateContiguous(pages: Int(pageCount))
    {
      allocators.dmaZonePages = zone
      if dmaCoherentOK(device, physical, size: size) {
        return (physical, "ZONE_DMA (GFP_DMA: the coherent mask is below the DMA zone limit)", nil)
      }
      freePages(physical, count: pageCount)
    }
    return (nil, "", nil)
  }

  /// Pages back to the allocator whose range holds them.
  mutating func freePages(_ physical: PhysAddr, count: UInt64) {
    let inZone = allocators.dmaZonePages.map {
      physical.rawValue >= $0.range.base && physical.rawValue < $0.range.end
    }
    for page in 0..<count {
      let address = physical.advanced(by: page << 12)
      if inZone == true {
        allocators.dmaZonePages?.free(address)
      } else {
        allocators.pages.free(address)
      }
    }
  }

  /// `dma_alloc_from_dev_coherent`: the device has a pool, so the answer comes from it alone
  /// (`bitmap_find_free_region`: a naturally aligned power-of-two block of pages); a full
  /// pool gives NULL with no fallback. The CPU address is in the pool's `memremap`; no
  /// dma-debug entry is made.
  mutating func allocFromDevicePool(
    _ index: Int, _ spec: DeviceSpec, size: UInt64, function: String, result: String?,
    handle handleName: String
  ) {
    let name = dma.coherentPools[index].name
    guard let block = dma.coherentPools[index].pool.allocate(size: size) else {
      log(
        .kernel, function,
        "\(function)(\(spec.kernelName), \(size)) = NULL: the per-device pool \(name) has no "
          + "free block of \(1 << DMACoherentPool.order(of: size)) page(s)",
        detail: "dma_alloc_from_dev_coherent returns 1 with NULL: current kernels do not fall "
          + "back to CMA or the page allocator when a device's own pool is full.")
      assign(.error(.null), to: result)
      return
    }
    let pool = dma.coherentPools[index]
    let offset = block.physical - pool.pool.physicalBase
    let virtual = pool.virtualBase.advanced(by: offset)
    let order = DMACoherentPool.order(of: size)
    let bytes = (UInt64(1) << UInt64(order)) * PhysicalMemory.pageSize
    log(
      .kernel, function,
      "\(function)(\(spec.kernelName), \(size)): dma_alloc_from_dev_coherent — pool \(name), "
        + "order \(order) (\(1 << order) page(s)) at \(PhysAddr(block.physical).hex); "
        + "\(pool.pool.usedPages) of \(pool.pool.pages) pages used",
      detail: "The device's own pool comes first; its CPU mapping is the pool's memremap "
        + "(MEMREMAP_WC, Normal non-cacheable), and dma-debug records nothing.")
    let allocation = Allocation(
      id: run.nextID, name: result ?? "coherent\(run.nextID)", allocator: function,
      virtualAddress: virtual, physical: PhysAddr(block.physical), size: size,
      reservedSize: bytes, allocatedAtStep: stepCount)
    run.nextID += 1
    allocators.allocations.append(allocation)
    cpu.pending.append(
      .finishAllocCoherent(
        allocation, DMAAddr(block.device), result, handleName, device: spec.name))
  }

  /// Whether a physical address lies in a per-device coherent pool.
  func isDevicePoolMemory(_ physical: PhysAddr) -> Bool {
    dma.coherentPools.contains {
      physical.rawValue >= $0.pool.physicalBase
        && physical.rawValue < $0.pool.physicalBase + (UInt64($0.pool.pages) << 12)
    }
  }

  /// `dma_release_from_dev_coherent`: frees the `get_order(size)` block (the size the caller
  /// passes, as the kernel does). Returns false when the buffer is not from a device pool.
  mutating func releaseToDevicePool(_ allocation: Allocation, _ device: String, size: UInt64)
    -> Bool
  {
    guard isDevicePoolMemory(allocation.physical),
      let index = dma.coherentPools.firstIndex(where: { $0.devices.contains(device) })
    else { return false }
    let bus = busAddress(allocation.physical, for: device)
    let device = dma.coherentPools[index].pool.deviceBase
    let released = dma.coherentPools[index].pool.release(
      device: device + (allocation.physical.rawValue - dma.coherentPools[index].pool.physicalBase),
      size: size)
    log(
      .kernel, "dma_free_coherent",
      "dma_release_from_dev_coherent: order \(DMACoherentPool.order(of: size)) block at "
        + "\(bus.hex) back to pool \(dma.coherentPools[index].name)"
        + (released ? "" : " (not in the pool)"))
    return true
  }
}
