extension Machine {
  /// `dma_map_single` → `dma_map_single_attrs` (vmalloc rejected, `debug_dma_map_single`) →
  /// `dma_map_page_attrs` → `dma_direct_map_page`; `debug_dma_map_page` records the mapping.
  mutating func dmaMapSingle(
    _ device: String, _ pointer: Operand, size: UInt64, direction: DMADataDirection,
    result: String?
  ) {
    guard let spec = board.device(named: device),
      let value = resolve(pointer, for: "dma_map_single")
    else { return }
    guard case .pointer(let virtual) = value, let translation = memory.pageTable.translate(virtual)
    else {
      if case .pointer(let virtual) = value {
        logDebug(
          dma.dmaDebug.mapSingle(
            device: debugDevice(device), address: virtual, length: size, area: .invalid))
      }
      log(.debug, "dma_map_single", "dma_map_single(\(value.text)): not a mapped CPU address")
      assign(.dmaAddress(.mappingError), to: result)
      return
    }
    guard translation.mapping.name == KernelMapping.linearMapName else {
      log(
        .debug, "dma_map_single",
        "\(spec.driverName) \(spec.kernelName): rejecting DMA map of vmalloc memory",
        detail: "dma_map_single needs a linear-map address (kmalloc, __get_free_pages). "
          + "dma_map_single_attrs refuses vmalloc memory (dev_WARN_ONCE) before dma-debug's "
          + "debug_dma_map_single even looks at it.")
      assign(.dmaAddress(.mappingError), to: result)
      return
    }
    logDebug(
      dma.dmaDebug.mapSingle(
        device: debugDevice(device), address: virtual, length: size, area: .linear)
    )
    mapPageAttrs(
      spec, virtual: virtual, physical: translation.physical, size: size, direction: direction,
      call: "dma_map_single(\(spec.kernelName), \(virtual.hex), \(size), \(direction.kernelName))",
      result: result)
  }

  /// `dma_map_page_attrs`, shared by `dma_map_single` and `dma_map_page`: dma-iommu, swiotlb
  /// or `dma_direct_map_page`. `call` is the driver's call as the log shows it.
  mutating func mapPageAttrs(
    _ spec: DeviceSpec, virtual: VirtAddr, physical: PhysAddr, size: UInt64,
    direction: DMADataDirection, call: String, result: String?
  ) {
    let device = spec.name
    if let context = iommuContext(for: device) {
      iommuDMAMapPage(
        context, spec, virtual: virtual, physical: physical, size: size, direction: direction,
        call: call, result: result)
      checkSharedCacheLines(spec, physical: physical, size: size, direction: direction)
      return
    }
    let handle = busAddress(physical, for: device)
    let forced = board.swiotlb?.forceBounce == true
    let kmallocBounce = kmallocNeedsBounce(spec, size: size, direction: direction)
    if forced || kmallocBounce || !dmaCapable(device, handle, size: size) {
      guard dma.swiotlb == nil else {
        let reason =
          forced
          ? "swiotlb=force: every streaming mapping bounces"
          : kmallocBounce
            ? "dma_kmalloc_needs_bounce: a \(size)-byte kmalloc buffer may share a "
              + "\(dmaCacheAlignment)-byte cache line with other data, so it is bounced "
              + "instead of invalidated"
            : "dma_capable fails: \(handle.hex)+\(size) is beyond min_not_zero(dma_mask "
              + "\(Hex.prefixed(masks(of: device).streaming)), bus limit "
              + "\(Hex.prefixed(spec.busDMALimit)))"
        swiotlbMap(
          device, virtual: virtual, physical: physical, size: size, direction: direction,
          reason: reason, result: result)
        return
      }
      log(
        .kernel, "dma_map_single",
        spec.devPrefix + "DMA addr \(handle.hex)+\(size) overflow (mask "
          + "\(Hex.format(masks(of: device).streaming)), bus limit "
          + "\(Hex.format(spec.busDMALimit))).",
        detail: "dma_direct_map_page: the buffer is beyond what the device reaches and there is "
          + "no swiotlb pool to bounce it through, so the mapping fails (dev_WARN_ONCE).")
      assign(.dmaAddress(.mappingError), to: result)
      return
    }
    log(.kernel, "dma_map_single", "\(call) → dma_direct_map_page(phys \(physical.hex))")
    checkSharedCacheLines(spec, physical: physical, size: size, direction: direction)
    let mapping = StreamingMapping(
      id: run.nextID, device: device, handle: handle, virtualAddress: virtual, physical: physical,
      size: size, direction: direction, kind: .single, owner: .device, errorChecked: false,
      mappedAtStep: stepCount)
    run.nextID += 1
    if !spec.coherent { syncForDevice(physical, size, direction) }
    cpu.pending.append(.finishMap(mapping, result))
  }

  /// The end of `dma_map_single`: the mapping is live and `debug_dma_map_page` records it.
  mutating func finishMap(_ mapping: StreamingMapping, result: String?) {
    dma.mappings.append(mapping)
    assign(.dmaAddress(mapping.handle), to: result)
    log(
      .kernel, "dma_map_single",
      "dma_map_page: \(deviceName(mapping.device)) dir=\(mapping.direction.kernelName) "
        + "dma_addr=\(Hex.prefixed(mapping.handle.rawValue)) size=\(mapping.size) "
        + "phys_addr=\(Hex.prefixed(mapping.physical.rawValue)) → device owns the buffer")
    let (memory, address) = allocators.stackCheck(mapping)
    logDebug(
      dma.dmaDebug.mapPage(
        id: mapping.id, device: debugDevice(mapping.device), physical: mapping.physical,
        virtualAddress: address, size: mapping.size, direction: mapping.direction,
        dmaAddress: mapping.handle, memory: memory, step: stepCount))
  }

  /// `dma_unmap_single` → `dma_direct_unmap_page`: `arch_sync_dma_for_cpu` on the range the
  /// caller names (whatever dma-debug thinks of it), then `debug_dma_unmap_page`'s
  /// `check_unmap` when the maintenance is done.
  mutating func dmaUnmapSingle(
    _ device: String, _ handleOperand: Operand, size: UInt64, direction: DMADataDirection,
    function: String = "dma_unmap_single"
  ) {
    guard let spec = board.device(named: device),
      let value = resolve(handleOperand, for: function)
    else { return }
    guard case .dmaAddress(let handle) = value else {
      log(.debug, function, "\(handleOperand.text) is \(value.text), not a dma_addr_t")
      return
    }
    log(
      .kernel, function,
      "\(function)(\(spec.kernelName), \(handle.hex), \(size), \(direction.kernelName))")
    if let context = iommuContext(for: device) {
      iommuDMAUnmapPage(context, spec, handle, size: size, direction: direction)
    } else if let bounce = bounceIndex(device, handle, size: size) {
      // dma_direct_unmap_page: sync for the CPU (maintenance, then the copy back), then
      // swiotlb_tbl_unmap_single releases the slots.
      syncBounceForCPU(bounce, spec, handle, size, direction)
    } else if !spec.coherent {
      syncForCPU(physicalAddress(handle, for: device), size, direction)
    }
    cpu.pending.append(.finishUnmap(device, handle, size, direction))
  }

  /// The end of `dma_unmap_single`: dma-debug's checks, then the mapping is gone.
  mutating func finishUnmap(
    _ device: String, _ handle: DMAAddr, _ size: UInt64, _ direction: DMADataDirection
  ) {
    let outcome = dma.dmaDebug.unmapPage(
      device: debugDevice(device), dmaAddress: handle, size: size, direction: direction)
    logDebug(outcome)
    releaseBounce(device, handle)
    guard let entry = outcome.entry else { return }
    dma.mappings.removeAll { $0.id == entry.id }
    log(.kernel, "dma_unmap_single", "mapping released → the CPU owns the buffer again")
  }

  /// `virt_to_phys`: the physical address behind a linear-map pointer, used (wrongly) as a
  /// bus address: no IOMMU or offset translation, no cache maintenance, no ownership.
  mutating func virtToPhys(_ pointer: Operand, result: String?) {
    guard let value = resolve(pointer, for: "virt_to_phys") else { return }
    guard case .pointer(let virtual) = value, let translation = memory.pageTable.translate(virtual)
    else {
      log(.debug, "virt_to_phys", "virt_to_phys(\(value.text)): not a mapped CPU address")
      return
    }
    assign(.dmaAddress(DMAAddr(translation.physical.rawValue)), to: result)
    log(
      .kernel, "virt_to_phys", "virt_to_phys(\(virtual.hex)) = \(translation.physical.hex)",
      detail: "A physical address is not a DMA address: no dma-ranges offset, no IOMMU, no "
        + "swiotlb, and above all no cache maintenance. Dirty lines stay in the cache.")
  }

  /// `dma_mapping_error`: marks the dma-debug entry checked and tests for `DMA_MAPPING_ERROR`.
  mutating func dmaMappingError(_ device: String, _ handleOperand: Operand, result: String?) {
    guard let value = resolve(handleOperand, for: "dma_mapping_error") else { return }
    guard case .dmaAddress(let handle) = value else {
      log(.debug, "dma_mapping_error", "\(handleOperand.text) is \(value.text), not a dma_addr_t")
      return
    }
    if let index = dma.mappings.firstIndex(where: {
      $0.device == device && $0.handle == handle && !$0.errorChecked
    }) {
      dma.mappings[index].errorChecked = true
    }
    dma.dmaDebug.mappingError(device: debugDevice(device), dmaAddress: handle)
    let failed = handle == .mappingError
    assign(.integer(failed ? -Int64(Errno.enomem.rawValue) : 0), to: result)
    log(
      .kernel, "dma_mapping_error",
      "dma_mapping_error(\(deviceName(device)), \(handle.hex)) = " + (failed ? "-ENOMEM" : "0"))
  }

  /// The largest range whose maintenance is queued one line per step even at beat granularity:
  /// a larger one (a 1 GiB scatter-gather entry, say) goes a page per step, so a scenario cannot
  /// queue millions of micro-operations with one call.
  static let lineByLineMaintenanceLimit: UInt64 = 4 << 20

  /// Queues `dcache_clean_poc` (or another maintenance) for every line of a range.
  mutating func queueMaintenance(_ operation: CacheOperation, _ physical: PhysAddr, _ size: UInt64)
  {
    if granularity == .block || size > Self.lineByLineMaintenanceLimit,
      size > PhysicalMemory.pageSize
    {
      // Block granularity (or a range too large to queue line by line): one step per page of
      // lines.
      let lineSize = UInt64(memory.cache.geometry.lineSize)
      var at = physical.rawValue - physical.rawValue % lineSize
      let end = physical.rawValue + size
      while at < end {
        let pageEnd = min(end, (at / PhysicalMemory.pageSize + 1) * PhysicalMemory.pageSize)
        let lines = Int((pageEnd - at + lineSize - 1) / lineSize)
        cpu.pending.append(.maintainRange(operation, PhysAddr(at), lines))
        at += UInt64(lines) * lineSize
      }
      return
    }
    for (_, pa, _) in lineChunks(VirtAddr(0), physical, count: size) {
      cpu.pending.append(.maintain(operation, pa))
    }
  }

  /// Queues `dcache_inval_poc`: partial edge lines are cleaned and invalidated, the rest invalidated.
  mutating func queueInvalidate(_ physical: PhysAddr, _ size: UInt64) {
    let lineSize = UInt64(memory.cache.geometry.lineSize)
    let end = physical.rawValue + size
    if granularity == .block || size > Self.lineByLineMaintenanceLimit,
      size > PhysicalMemory.pageSize
    {
      // Partial edge lines are cleaned and invalidated; the full lines between them are only
      // invalidated, a page per step.
      let first = physical.rawValue - physical.rawValue % lineSize
      let last = (end - 1) - (end - 1) % lineSize
      if physical.rawValue % lineSize != 0 {
        cpu.pending.append(.maintain(.cleanInvalidate, PhysAddr(first)))
      }
      let innerStart = physical.rawValue % lineSize != 0 ? first + lineSize : first
      let innerEnd = end % lineSize != 0 ? last : end
      if innerEnd > innerStart {
        queueMaintenance(.invalidate, PhysAddr(innerStart), innerEnd - innerStart)
      }
      if end % lineSize != 0, last >= innerStart {
        cpu.pending.append(.maintain(.cleanInvalidate, PhysAddr(last)))
      }
      return
    }
    for (_, pa, length) in lineChunks(VirtAddr(0), physical, count: size) {
      let partial =
        UInt64(length) < lineSize || (pa.rawValue + UInt64(length) == end && end % lineSize != 0)
      cpu.pending.append(.maintain(partial ? .cleanInvalidate : .invalidate, pa))
    }
  }
}
