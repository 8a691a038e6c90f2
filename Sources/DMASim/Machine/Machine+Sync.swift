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
}
