extension DMADebug {
  /// `debug_dma_sync_single_for_cpu` (`forCPU: true`) or `..._for_device`.
  public mutating func syncSingle(
    forCPU: Bool, device: DMADebugDevice, dmaAddress: DMAAddr, size: UInt64,
    direction: DMADataDirection
  ) -> DMADebugOutcome {
    checkSync(reference(device, dmaAddress, size, .single, direction), forCPU: forCPU)
  }

  /// `debug_dma_sync_sg_for_cpu` / `..._for_device`: one check per segment up to the mapped
  /// count recorded by the first segment's entry.
  public mutating func syncSG(
    forCPU: Bool, device: DMADebugDevice, segments: [DMADebugSegment], nents: Int,
    direction: DMADataDirection
  ) -> DMADebugOutcome {
    var outcome = DMADebugOutcome()
    var mapped = 0
    for (index, segment) in segments.prefix(max(0, nents)).enumerated() {
      var ref = reference(device, segment.dmaAddress, segment.dmaLength, .scatterGather, direction)
      ref.sgCallEntries = nents
      if index == 0 { mapped = findExact(ref)?.sgMappedEntries ?? 0 }
      if index >= mapped { break }
      let one = checkSync(ref, forCPU: forCPU)
      outcome.reports += one.reports
      outcome.entry = outcome.entry ?? one.entry
    }
    return outcome
  }

  /// `check_sync`: checks 9–14 against the entry containing the synced range.
  mutating func checkSync(_ ref: DMADebugEntry, forCPU: Bool) -> DMADebugOutcome {
    guard !disabled else { return DMADebugOutcome() }
    var reports: [DMADebugReport] = []
    let device = ref.device
    guard let entry = findContaining(ref) else {
      report(
        .syncNotAllocated, device, nil,
        "device driver tries to sync DMA memory it has not allocated [device address="
          + "\(ref.dmaAddress.hex)] [size=\(ref.size) bytes]", into: &reports)
      return DMADebugOutcome(reports: reports, entry: nil)
    }
    if ref.size > entry.size {
      report(
        .syncOutsideRange, device, entry,
        "device driver syncs DMA memory outside allocated range [device address="
          + "\(entry.dmaAddress.hex)] [allocation size=\(entry.size) bytes] [sync offset+size="
          + "\(ref.size)]", into: &reports)
    }
    guard entry.direction != .bidirectional else {
      return DMADebugOutcome(reports: reports, entry: entry)
    }
    let tail =
      "[device address=\(ref.dmaAddress.hex)] [size=\(entry.size) bytes] [mapped with "
      + "\(entry.direction.kernelName)] [synced with \(ref.direction.kernelName)]"
    if ref.direction != entry.direction {
      report(
        .syncDifferentDirection, device, entry,
        "device driver syncs DMA memory with different direction " + tail, into: &reports)
    }
    if forCPU, entry.direction != .fromDevice, ref.direction != .toDevice {
      report(
        .syncReadOnlyForCPU, device, entry,
        "device driver syncs device read-only DMA memory for cpu " + tail, into: &reports)
    }
    if !forCPU, entry.direction != .toDevice, ref.direction != .fromDevice {
      report(
        .syncWriteOnlyToDevice, device, entry,
        "device driver syncs device write-only DMA memory to device " + tail, into: &reports)
    }
    if ref.sgCallEntries != 0, ref.type == .scatterGather,
      ref.sgCallEntries != entry.sgCallEntries
    {
      report(
        .syncDifferentEntryCount, device, entry,
        "device driver syncs DMA sg list with different entry count [map count="
          + "\(entry.sgCallEntries)] [sync count=\(ref.sgCallEntries)]", into: &reports)
    }
    return DMADebugOutcome(reports: reports, entry: entry)
  }
}
