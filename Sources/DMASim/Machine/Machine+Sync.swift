extension Machine {
  /// `dma_sync_single_for_cpu` (`forCPU`) or `dma_sync_single_for_device`, as dma-direct runs
  /// them on arm64: cache maintenance for a non-coherent device (§7.1), then dma-debug's
  /// `check_sync`; ownership of the mapping moves to the CPU or back to the device.
  mutating func dmaSyncSingle(
    forCPU: Bool, _ device: String, _ handleOperand: Operand, size: UInt64,
    direction: DMADataDirection
  ) {
    let name = forCPU ? "dma_sync_single_for_cpu" : "dma_sync_single_for_device"
    guard let spec = board.device(named: device), let value = resolve(handleOperand, for: name)
    else { return }
    guard case .dmaAddress(let handle) = value else {
      log(.debug, name, "\(handleOperand.text) is \(value.text), not a dma_addr_t")
      return
    }
    log(
      .kernel, name,
      "\(name)(\(spec.kernelName), \(handle.hex), \(size), \(direction.kernelName))")
    let physical = handleToPhys(device, handle)
    if let bounce = bounceIndex(device, handle, size: size) {
      if forCPU {
        syncBounceForCPU(bounce, spec, handle, size, direction)
      } else {
        syncBounceForDevice(bounce, spec, handle, size, direction)
      }
    } else if spec.coherent {
      log(.kernel, name, "\(spec.kernelName) is dma-coherent: no cache maintenance")
    } else if forCPU {
      syncForCPU(physical, size, direction)
    } else {
      syncForDevice(physical, size, direction)
    }
    cpu.pending.append(.finishSync(forCPU: forCPU, device, handle, size, direction))
  }

  /// `arch_sync_dma_for_cpu`: nothing for `DMA_TO_DEVICE`, else `dcache_inval_poc` (partial
  /// edge lines are cleaned and invalidated).
  mutating func syncForCPU(_ physical: PhysAddr, _ size: UInt64, _ direction: DMADataDirection) {
    guard direction != .toDevice || board.architecture == .arm32 else {
      log(
        .kernel, "arch_sync_dma_for_cpu",
        "arch_sync_dma_for_cpu(…, DMA_TO_DEVICE): nothing to do — the device only read")
      return
    }
    guard memory.ram.contains(physical, count: max(size, 1)) else {
      log(
        .kernel, "arch_sync_dma_for_cpu",
        "arch_sync_dma_for_cpu(\(physical.hex), \(size)): not DRAM, no lines to invalidate")
      return
    }
    if board.architecture == .arm32 {
      arm32DeviceToCPU(physical, size, direction)
      return
    }
    log(
      .kernel, "arch_sync_dma_for_cpu",
      "arch_sync_dma_for_cpu(\(physical.hex), \(size), \(direction.kernelName)): "
        + "dcache_inval_poc — drop stale lines so the CPU reads what the device wrote",
      subjects: [.maintenance(.invalidatePoC)])
    queueInvalidate(physical, size)
  }

  /// `arch_sync_dma_for_device`: `dcache_clean_poc` for every direction.
  mutating func syncForDevice(
    _ physical: PhysAddr, _ size: UInt64, _ direction: DMADataDirection
  ) {
    guard memory.ram.contains(physical, count: max(size, 1)) else {
      log(
        .kernel, "arch_sync_dma_for_device",
        "arch_sync_dma_for_device(\(physical.hex), \(size)): not DRAM, no lines to clean")
      return
    }
    if board.architecture == .arm32 {
      arm32CPUToDevice(physical, size, direction)
      return
    }
    log(
      .kernel, "arch_sync_dma_for_device",
      "arch_sync_dma_for_device(\(physical.hex), \(size), \(direction.kernelName)): "
        + "dcache_clean_poc — write dirty lines back so the device reads the CPU's data",
      subjects: [.maintenance(.cleanPoC)])
    queueMaintenance(.clean, physical, size)
  }

  /// The end of a sync: `check_sync`, then the ownership change.
  mutating func finishSync(
    forCPU: Bool, _ device: String, _ handle: DMAAddr, _ size: UInt64,
    _ direction: DMADataDirection
  ) {
    let name = forCPU ? "dma_sync_single_for_cpu" : "dma_sync_single_for_device"
    logDebug(
      dma.dmaDebug.syncSingle(
        forCPU: forCPU, device: debugDevice(device), dmaAddress: handle, size: size,
        direction: direction))
    let end = handle.rawValue.addingReportingOverflow(size)
    guard !end.overflow,
      let index = dma.mappings.firstIndex(where: {
        $0.device == device && $0.handle <= handle
          && end.partialValue <= $0.handle.rawValue + $0.size
      })
    else { return }
    dma.mappings[index].owner = forCPU ? .cpu : .device
    log(
      .kernel, name,
      forCPU
        ? "the CPU owns the buffer until dma_sync_single_for_device"
        : "the device owns the buffer again")
  }

  // MARK: Scatterlists

  /// `dma_sync_sg_for_cpu` (`forCPU`) or `dma_sync_sg_for_device`: dma-direct walks the first
  /// `nents` entries (`for_each_sg`) and does for each what `dma_sync_single_for_*` does — the
  /// swiotlb copy when the entry bounced, else arm64's maintenance for a non-coherent device —
  /// then dma-debug checks each mapped segment (`debug_dma_sync_sg_for_*`). Through an IOMMU
  /// (`iommu_dma_sync_sg_for_*`) the maintenance uses each entry's physical pages the same way.
  mutating func syncSG(
    forCPU: Bool, _ device: String, _ table: Int, _ count: Int, _ direction: DMADataDirection
  ) {
    let name = forCPU ? "dma_sync_sg_for_cpu" : "dma_sync_sg_for_device"
    guard let spec = board.device(named: device) else { return }
    log(
      .kernel, name,
      "\(name)(\(spec.kernelName), sgt\(dma.scatterLists[table].id), \(count), "
        + "\(direction.kernelName))")
    for entry in dma.scatterLists[table].entries.prefix(max(0, count)) {
      guard let physical = entry.physical, entry.length > 0 else { continue }
      if let handle = entry.dmaAddress, let bounce = bounceIndex(device, handle, size: entry.length)
      {
        if forCPU {
          syncBounceForCPU(bounce, spec, handle, entry.length, direction)
        } else {
          syncBounceForDevice(bounce, spec, handle, entry.length, direction)
        }
      } else if spec.coherent {
        continue
      } else if forCPU {
        syncForCPU(physical, entry.length, direction)
      } else {
        syncForDevice(physical, entry.length, direction)
      }
    }
    if spec.coherent {
      log(.kernel, name, "\(spec.kernelName) is dma-coherent: no cache maintenance")
    }
    cpu.pending.append(
      .finishSyncSG(
        forCPU: forCPU, table: table, device: device, count: count, direction: direction))
  }

  /// dma-debug's `check_sync` for every mapped segment of the table.
  mutating func finishSyncSG(
    forCPU: Bool, _ table: Int, _ device: String, _ count: Int, _ direction: DMADataDirection
  ) {
    logDebug(
      dma.dmaDebug.syncSG(
        forCPU: forCPU, device: debugDevice(device), segments: segments(table, count),
        nents: count, direction: direction))
    if dma.scatterLists[table].owner != nil {
      dma.scatterLists[table].owner = forCPU ? .cpu : .device
    }
    log(
      .kernel, forCPU ? "dma_sync_sg_for_cpu" : "dma_sync_sg_for_device",
      forCPU
        ? "the CPU owns sgt\(dma.scatterLists[table].id) until dma_sync_sg_for_device"
        : "the device owns sgt\(dma.scatterLists[table].id) again")
  }

  // MARK: ARM32 (arch/arm/mm/dma-mapping.c)

  /// ARM32's `arch_sync_dma_for_device` → `__dma_page_cpu_to_dev` (arch/arm/mm/dma-mapping.c):
  /// `dmac_map_area` (`v7_dma_map_area`) invalidates a `DMA_FROM_DEVICE` buffer
  /// (`v7_dma_inv_range`) and cleans any other (`v7_dma_clean_range`); then the outer cache by
  /// physical address (this board has none).
  mutating func arm32CPUToDevice(
    _ physical: PhysAddr, _ size: UInt64, _ direction: DMADataDirection
  ) {
    if direction == .fromDevice {
      log(
        .kernel, "__dma_page_cpu_to_dev",
        "__dma_page_cpu_to_dev(\(physical.hex), \(size), DMA_FROM_DEVICE): v7_dma_map_area → "
          + "v7_dma_inv_range — ARM32 invalidates at map time, so dirty CPU data in the buffer "
          + "is discarded (arm64 cleans instead)")
      queueInvalidate(physical, size)
    } else {
      log(
        .kernel, "__dma_page_cpu_to_dev",
        "__dma_page_cpu_to_dev(\(physical.hex), \(size), \(direction.kernelName)): "
          + "v7_dma_map_area → v7_dma_clean_range — write dirty lines back for the device")
      queueMaintenance(.clean, physical, size)
    }
  }

  /// ARM32's `arch_sync_dma_for_cpu` → `__dma_page_dev_to_cpu`: nothing for `DMA_TO_DEVICE`;
  /// otherwise `outer_inv_range` (no outer cache here), then `dmac_unmap_area`
  /// (`v7_dma_unmap_area` → `v7_dma_inv_range`).
  mutating func arm32DeviceToCPU(
    _ physical: PhysAddr, _ size: UInt64, _ direction: DMADataDirection
  ) {
    guard direction != .toDevice else {
      log(
        .kernel, "__dma_page_dev_to_cpu",
        "__dma_page_dev_to_cpu(…, DMA_TO_DEVICE): v7_dma_unmap_area does nothing — the device "
          + "only read")
      return
    }
    log(
      .kernel, "__dma_page_dev_to_cpu",
      "__dma_page_dev_to_cpu(\(physical.hex), \(size), \(direction.kernelName)): "
        + "v7_dma_unmap_area → v7_dma_inv_range — drop stale lines so the CPU reads what the "
        + "device wrote")
    queueInvalidate(physical, size)
  }

  /// ARM32's `__dma_clear_buffer` before a coherent buffer is remapped: `dmac_flush_range`
  /// (`v7_dma_flush_range`, clean and invalidate) on the cacheable alias.
  mutating func arm32FlushForCoherent(_ physical: PhysAddr, _ size: UInt64) {
    log(
      .kernel, "__dma_clear_buffer",
      "__dma_clear_buffer(\(physical.hex), \(size)): dmac_flush_range → v7_dma_flush_range — "
        + "clean and invalidate the cacheable alias before the remap")
    queueMaintenance(.cleanInvalidate, physical, size)
  }
}
