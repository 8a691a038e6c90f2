extension Machine {
  /// `dma_alloc_coherent` / `dma_alloc_wc` → `dma_direct_alloc` on arm64: pages from CMA (more
  /// than one page and a blocking gfp) or the page allocator; for a non-coherent device,
  /// `arch_dma_prep_coherent` cleans (v6.1: cleans and invalidates) the cacheable linear alias,
  /// then a non-cacheable remap in
  /// the vmalloc area (4 KiB entries) is what the CPU gets; a coherent device gets the linear
  /// address.
  mutating func dmaAllocCoherent(
    _ device: String, size: UInt64, flags: GFPFlags, writeCombine: Bool, result: String?,
    handle handleName: String
  ) {
    let function = writeCombine ? "dma_alloc_wc" : "dma_alloc_coherent"
    guard let spec = board.device(named: device), size > 0 else {
      log(.kernel, function, "\(function)(\(device), \(size)) = NULL")
      assign(.error(.null), to: result)
      return
    }
    if let index = dma.coherentPools.firstIndex(where: { $0.devices.contains(device) }) {
      allocFromDevicePool(
        index, spec, size: size, function: function, result: result, handle: handleName)
      return
    }
    if usesAtomicPool(spec, device, flags: flags) {
      allocFromAtomicPool(
        device, spec, size: size, function: function, result: result, handle: handleName)
      return
    }
    // iommu_dma_alloc: a blocking gfp without DMA_ATTR_FORCE_CONTIGUOUS takes the remap path.
    if let context = iommuContext(for: device), flags.contains(.directReclaim) {
      iommuDMAAllocRemap(
        context, spec, size: size, function: function, result: result, handle: handleName)
      return
    }
    let pageCount = (size + PhysicalMemory.pageSize - 1) / PhysicalMemory.pageSize
    let (found, source, area) = directAllocPages(device, spec, pageCount: pageCount, flags: flags)
    guard let physical = found, let linear = memory.pageTable.linearAddress(of: physical) else {
      log(.kernel, function, "\(function)(\(spec.kernelName), \(size)) = NULL: no memory")
      assign(.error(.null), to: result)
      return
    }
    let bytes = pageCount * PhysicalMemory.pageSize
    var handle = busAddress(physical, for: device)
    if let context = iommuContext(for: device) {
      guard let iova = iommuMapCoherent(context, spec, physical: physical, size: bytes) else {
        releaseCoherentPages(physical, pages: pageCount, cma: area)
        log(.kernel, function, "\(function)(\(spec.kernelName), \(size)) = NULL: no IOVA space")
        assign(.error(.null), to: result)
        return
      }
      handle = iova
    }
    var virtual = linear
    let subjects: [LogSubject] =
      [.allocation(run.nextID)]
      + (area.map { [.cmaPages(area: $0, pfn: physical.pfn, count: pageCount)] } ?? [])
    if spec.coherent {
      log(
        .kernel, function,
        "\(function)(\(spec.kernelName), \(size)): \(pageCount) page(s) from \(source); the device "
          + "is dma-coherent, so the CPU keeps the cacheable linear address", subjects: subjects)
    } else {
      virtual = VirtAddr(allocators.nextVmalloc)
      allocators.nextVmalloc += bytes + PhysicalMemory.pageSize  // a guard page between remaps
      memory.pageTable.add(
        KernelMapping(
          name: "\(function) remap", virtualBase: virtual, physicalBase: physical, size: bytes,
          memoryType: .normalNonCacheable, granule: PhysicalMemory.pageSize))
      log(
        .kernel, function,
        "\(function)(\(spec.kernelName), \(size)): \(pageCount) page(s) from \(source); "
          + "arch_dma_prep_coherent (\(board.kernel.prepCoherentRoutine.kernelName)) on the "
          + "linear alias \(linear.hex), then "
          + "dma_common_contiguous_remap maps \(virtual.hex) as MT_NORMAL_NC with 4K pages",
        detail: "The same physical pages now have two CPU mappings: the cacheable linear alias "
          + "and the non-cacheable remap. Only the remap may be used.", subjects: subjects)
      if board.architecture == .arm32 {
        arm32FlushForCoherent(physical, bytes)
      } else {
        queueMaintenance(
          board.kernel.prepCoherentInvalidates ? .cleanInvalidate : .clean, physical, bytes)
      }
    }
    let allocation = Allocation(
      id: run.nextID, name: result ?? "coherent\(run.nextID)", allocator: function,
      virtualAddress: virtual, physical: physical, size: size, reservedSize: bytes,
      allocatedAtStep: stepCount, cmaArea: area)
    run.nextID += 1
    // The pages belong to the allocation from here on (the CMA bitmap already says so).
    allocators.allocations.append(allocation)
    cpu.pending.append(
      .finishAllocCoherent(
        allocation, handle, result, handleName, device: device))
  }

  /// Zeroes the buffer through the mapping the caller gets and hands out both addresses.
  mutating func finishAllocCoherent(
    _ allocation: Allocation, _ handle: DMAAddr, result: String?, handleName: String,
    device: String
  ) {
    let zeros = [UInt8](repeating: 0, count: Int(allocation.reservedSize))
    if memory.pageTable.translate(allocation.virtualAddress)?.mapping.memoryType.isCacheable == true
    {
      for (_, pa, length) in lineChunks(
        allocation.virtualAddress, allocation.physical, count: allocation.reservedSize)
      {
        noteCacheAccess(
          memory.cache.write(
            pa, bytes: [UInt8](repeating: 0, count: length), ram: &memory.ram, step: stepCount))
      }
    } else {
      memory.ram.write(allocation.physical, bytes: zeros)
      memory.writeBuffer.overwrite(allocation.physical, count: allocation.reservedSize, with: 0)
    }
    assign(.pointer(allocation.virtualAddress), to: result)
    assign(.dmaAddress(handle), to: handleName)
    // dma_alloc_attrs returns early for a per-device pool: no dma-debug entry.
    if !dma.isDevicePoolMemory(allocation.physical) {
      logDebug(
        dma.dmaDebug.allocCoherent(
          id: allocation.id, device: debugDevice(device), size: allocation.size,
          dmaAddress: handle, physical: allocation.physical, step: stepCount))
    }
    log(
      .kernel, allocation.allocator,
      "= \(allocation.virtualAddress.hex), \(handleName) = \(Hex.prefixed(handle.rawValue)) "
        + "(memset to zero through that mapping)",
      addresses: [
        LogAddress(.virt, allocation.virtualAddress.rawValue),
        LogAddress(.dmaAddr, handle.rawValue),
      ], subjects: [.allocation(allocation.id)])
  }

  /// `dma_free_coherent`: dma-debug's check, `vunmap` of the remap, pages back to their pool.
  mutating func dmaFreeCoherent(_ device: String, size: UInt64, pointer: Operand, handle: Operand) {
    guard let pointerValue = resolve(pointer, for: "dma_free_coherent"),
      let handleValue = resolve(handle, for: "dma_free_coherent"),
      case .pointer(let virtual) = pointerValue, case .dmaAddress(let bus) = handleValue,
      let index = allocators.allocations.firstIndex(where: {
        $0.virtualAddress == virtual && $0.allocator.hasPrefix("dma_alloc")
      })
    else {
      // dma_free_attrs runs debug_dma_free_coherent before it frees anything, so dma-debug
      // judges the call (a streaming mapping freed here: "wrong function") even though the
      // simulator then refuses to free memory that dma_alloc_coherent never gave out.
      if case .pointer(let virtual)? = resolve(pointer, for: "dma_free_coherent"),
        case .dmaAddress(let bus)? = resolve(handle, for: "dma_free_coherent"),
        let physical = memory.pageTable.translate(virtual)?.physical
      {
        logDebug(
          dma.dmaDebug.freeCoherent(
            device: debugDevice(device), size: size, physical: physical, dmaAddress: bus))
      }
      log(.debug, "dma_free_coherent", "dma_free_coherent: not a live coherent allocation")
      return
    }
    releaseCoherent(index, device, size: size, bus: bus)
  }

  /// The freeing half of `dma_free_coherent` for a live allocation: the per-device pool, or
  /// dma-debug's check, `vunmap` of the remap and the pages back to CMA or the page allocator.
  mutating func releaseCoherent(_ index: Int, _ device: String, size: UInt64, bus: DMAAddr) {
    let allocation = allocators.allocations.remove(at: index)
    if releaseToDevicePool(allocation, device, size: size) { return }
    logDebug(
      dma.dmaDebug.freeCoherent(
        device: debugDevice(device), size: size, physical: allocation.physical, dmaAddress: bus))
    if let context = iommuContext(for: device) {
      // drivers/iommu/dma-iommu.c iommu_dma_free: __iommu_dma_unmap(dev, handle, size) with the
      // caller's handle and size, whatever buffer they belong to.
      iommuUnmap(context, iova: bus.rawValue, size: size)
    }
    if releaseToAtomicPool(allocation) { return }
    if releaseIOMMURemap(allocation) { return }
    memory.pageTable.remove(startingAt: allocation.virtualAddress)
    let pageCount = allocation.reservedSize / PhysicalMemory.pageSize
    if let name = allocation.cmaArea,
      let area = allocators.cmaAreas.firstIndex(where: { $0.name == name }),
      allocators.cmaAreas[area].release(pfn: allocation.physical.pfn, pages: pageCount)
    {
      log(
        .kernel, "dma_free_coherent", "\(pageCount) page(s) back to CMA \(name)",
        subjects: [
          .allocation(allocation.id),
          .cmaPages(area: name, pfn: allocation.physical.pfn, count: pageCount),
        ])
    } else {
      freePages(allocation.physical, count: pageCount)
      log(
        .kernel, "dma_free_coherent", "\(pageCount) page(s) back to the page allocator",
        subjects: [.allocation(allocation.id)])
    }
  }
}
