extension CacheOperation {
  /// The instruction on an architecture: arm64's `dc` by VA to the PoC, or ARMv7's CP15
  /// operation by MVA to the PoC (`DCCMVAC`, `DCIMVAC`, `DCCIMVAC`).
  public func instruction(_ architecture: Architecture) -> String {
    switch (architecture, self) {
    case (.arm64, _): instruction
    case (.arm32, .clean): "mcr p15, c7, c10, 1 (DCCMVAC)"
    case (.arm32, .invalidate): "mcr p15, c7, c6, 1 (DCIMVAC)"
    case (.arm32, .cleanInvalidate): "mcr p15, c7, c14, 1 (DCCIMVAC)"
    }
  }
}

extension Machine {
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
