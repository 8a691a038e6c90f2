extension Machine {
  /// The `dma_limit` of `iommu_dma_alloc_iova`: the streaming mask (`dma_get_mask`) or the
  /// coherent one, capped by `bus_dma_limit`.
  func dmaLimit(_ spec: DeviceSpec, coherent: Bool = false) -> UInt64 {
    reachLimit(spec.name, coherent: coherent)
  }

  /// The physical address behind a handle: `iommu_iova_to_phys` for a device behind an IOMMU
  /// (0 when the IOVA is not mapped, as the kernel would get), else `dma_to_phys`.
  func handleToPhys(_ device: String, _ handle: DMAAddr) -> PhysAddr {
    guard let context = iommuContext(for: device) else {
      return physicalAddress(handle, for: device)
    }
    return iovaToPhys(context, handle.rawValue) ?? PhysAddr(0)
  }

  /// `dma_map_page_attrs` → `iommu_dma_map_page`: `arch_sync_dma_for_device` for a
  /// non-coherent device, then (next step) `__iommu_dma_map`.
  mutating func iommuDMAMapPage(
    _ context: IOMMUContext, _ spec: DeviceSpec, virtual: VirtAddr, physical: PhysAddr,
    size: UInt64, direction: DMADataDirection, call: String, result: String?
  ) {
    let prot = IOMMUProtection.forDMA(direction, coherent: spec.coherent)
    log(
      .kernel, "iommu_dma_map_page",
      "\(call) → iommu_dma_map_page(phys \(physical.hex)): \(spec.kernelName) is behind "
        + "\(iommus[context.iommu].spec.kernelName), prot \(prot.kernelText)")
    let mapping = StreamingMapping(
      id: run.nextID, device: spec.name, handle: .mappingError, virtualAddress: virtual,
      physical: physical, size: size, direction: direction, kind: .single, owner: .device,
      errorChecked: false, mappedAtStep: stepCount)
    run.nextID += 1
    if !spec.coherent {
      log(
        .kernel, "arch_sync_dma_for_device",
        "arch_sync_dma_for_device(\(physical.hex), \(size), \(direction.kernelName)): "
          + "dcache_clean_poc — the IOMMU translates addresses, it does not make the device "
          + "coherent", subjects: [.maintenance(.cleanPoC)])
      queueMaintenance(.clean, physical, size)
    }
    cpu.pending.append(.iommu(.mapSingle(context, mapping, result)))
  }

  /// Runs a dma-iommu piece.
  mutating func runIOMMUStep(_ step: IOMMUStep) {
    switch step {
    case .mapSingle(let context, let mapping, let result):
      iommuMapSingle(context, mapping, result: result)
    case .unmapSingle(let context, let handle, let size):
      iommuUnmap(context, iova: handle.rawValue, size: size)
    case .mapSG(let context, let device, let table, let count, let direction, let result):
      iommuMapSG(context, device, table, count, direction, result: result)
    case .unmapSG(let context, let table, let count):
      iommuUnmapSG(context, table, count)
    case .finishAllocRemap(let allocation, let handle, let result, let handleName, let device):
      finishAllocRemap(allocation, handle, result: result, handleName: handleName, device: device)
    }
  }

  /// `__iommu_dma_map`: the IOVA covers the buffer's pages (`iova_align(size + iova_off)`),
  /// the pages are mapped with `dma_info_to_prot`, and the handle keeps the offset in the page.
  private mutating func iommuMapSingle(
    _ context: IOMMUContext, _ mapping: StreamingMapping, result: String?
  ) {
    guard let spec = board.device(named: mapping.device) else { return }
    let offset = mapping.physical.rawValue & 0xfff
    let size = (mapping.size + offset + 0xfff) & ~0xfff
    let prot = IOMMUProtection.forDMA(mapping.direction, coherent: spec.coherent)
    guard let iova = allocIOVA(context, size: size, dmaLimit: dmaLimit(spec)) else {
      failIOMMUMap(mapping, result: result)
      return
    }
    let base = PhysAddr(mapping.physical.rawValue - offset)
    guard iommuMap(context, iova: iova, pieces: [(base, size)], prot: prot) else {
      releaseIOVA(context, iova: iova, size: size)
      failIOMMUMap(mapping, result: result)
      return
    }
    var mapped = mapping
    mapped.handle = DMAAddr(iova + offset)
    finishMap(mapped, result: result)
  }

  private mutating func failIOMMUMap(_ mapping: StreamingMapping, result: String?) {
    assign(.dmaAddress(.mappingError), to: result)
    log(
      .kernel, "iommu_dma_map_page",
      "\(deviceName(mapping.device)): no IOVA space or page-table memory → DMA_MAPPING_ERROR")
  }

  /// `iommu_dma_unmap_page`: `iommu_iova_to_phys` (a WARN when the IOVA is not mapped), then
  /// `arch_sync_dma_for_cpu` on that physical address for a non-coherent device, then (next
  /// step) `__iommu_dma_unmap`.
  mutating func iommuDMAUnmapPage(
    _ context: IOMMUContext, _ spec: DeviceSpec, _ handle: DMAAddr, size: UInt64,
    direction: DMADataDirection
  ) {
    guard let physical = iovaToPhys(context, handle.rawValue) else {
      log(
        .debug, "iommu_dma_unmap_page",
        "WARNING: iommu_dma_unmap_page: iommu_iova_to_phys(\(handle.hex)) = 0 — nothing is "
          + "mapped at that IOVA",
        detail: "The handle was never mapped for this device, or was unmapped already. The "
          + "kernel warns and returns without touching the IOMMU.")
      return
    }
    log(
      .kernel, "iommu_dma_unmap_page",
      "iommu_dma_unmap_page(\(spec.kernelName), IOVA \(handle.hex)) → phys \(physical.hex)",
      addresses: [LogAddress(.iova, handle.rawValue), LogAddress(.phys, physical.rawValue)])
    if !spec.coherent { syncForCPU(physical, size, direction) }
    cpu.pending.append(.iommu(.unmapSingle(context, handle, size)))
  }

  /// `iommu_dma_alloc` for `dma_alloc_coherent`: the pages are mapped read/write
  /// (`dma_info_to_prot(DMA_BIDIRECTIONAL)`) at an IOVA below the coherent mask, and the
  /// handle is that IOVA. Returns nil (and maps nothing) when there is no IOVA space.
  ///
  /// This is the non-blocking (`GFP_ATOMIC`) path, with physically contiguous pages; a
  /// blocking gfp takes `iommuDMAAllocRemap` (scattered pages, `iommu_dma_alloc_remap`).
  mutating func iommuMapCoherent(
    _ context: IOMMUContext, _ spec: DeviceSpec, physical: PhysAddr, size: UInt64
  ) -> DMAAddr? {
    let prot = IOMMUProtection.forDMA(.bidirectional, coherent: spec.coherent)
    log(
      .kernel, "iommu_dma_alloc",
      "iommu_dma_alloc(\(spec.kernelName), \(size)): \(size / 4096) page(s) at \(physical.hex) "
        + "mapped into the device's IOVA space, prot \(prot.kernelText)")
    guard let iova = allocIOVA(context, size: size, dmaLimit: dmaLimit(spec, coherent: true))
    else { return nil }
    guard iommuMap(context, iova: iova, pieces: [(physical, size)], prot: prot) else {
      releaseIOVA(context, iova: iova, size: size)
      return nil
    }
    return DMAAddr(iova)
  }
}
