extension Machine {
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
}
