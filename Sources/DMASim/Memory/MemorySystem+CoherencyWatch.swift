extension MemorySystem {
  /// A non-coherent device wrote RAM: every cached line under the write now holds old data.
  mutating func noteDeviceWrite(_ address: PhysAddr, count: Int, step: Int) {
    guard count > 0 else { return }
    let lineSize = UInt64(cache.geometry.lineSize)
    var line = cache.geometry.lineAddress(address).rawValue
    let end = address.rawValue + UInt64(count)
    while line < end {
      if cache.lookup(PhysAddr(line)) != nil {
        coherencyWatch.deviceWrote(PhysAddr(line), step: step)
      }
      line += lineSize
    }
  }

  /// A cache access by the CPU or the kernel: a line it evicted leaves the watch.
  mutating func noteCacheAccess(_ access: CacheAccess, bus: inout some MemoryBus) {
    guard let evicted = access.evicted else { return }
    noteLineLeaving(evicted.lineAddress, wroteBack: evicted.wasDirty, by: "its eviction", bus: &bus)
  }

  /// A line left the cache or was written back; a write-back over device data is reported.
  mutating func noteLineLeaving(
    _ line: PhysAddr, wroteBack: Bool, by cause: String, bus: inout some MemoryBus
  ) {
    guard let stale = coherencyWatch.lineLeft(line), wroteBack else { return }
    bus.log(
      .debug, "coherency",
      "dirty line \(line.hex) written back by \(cause) over data the device wrote at step "
        + "\(stale.step)",
      detail: "The line was dirty in the CPU's cache while a non-coherent device wrote RAM under "
        + "it; writing it back puts the CPU's old bytes over the device's. The line must be "
        + "clean before the device writes (dma_map_single and dma_sync_single_for_device clean "
        + "it), and the CPU must not write to a buffer the device owns, nor to anything sharing "
        + "its cache lines.",
      addresses: [LogAddress(.line, line.rawValue)])
  }

  /// A CPU load micro-operation hit or filled the line: a hit on a watched line returning bytes
  /// RAM no longer holds is a stale read; a fill takes fresh bytes and ends the watch.
  mutating func noteLoad(_ physical: PhysAddr, count: Int, hit: Bool, bus: inout some MemoryBus) {
    let line = cache.geometry.lineAddress(physical)
    guard hit else {
      _ = coherencyWatch.lineLeft(line)
      return
    }
    guard coherencyWatch.isStale(line) else { return }
    let differs = (0..<UInt64(count)).contains {
      let at = physical.advanced(by: $0)
      return cache.peek(at, ram: ram) != ram.byte(at: at)
    }
    guard differs, let stale = coherencyWatch.firstStaleRead(line) else { return }
    bus.log(
      .debug, "coherency",
      "stale read: the CPU loaded \(count) bytes at \(physical.hex) from cache line \(line.hex), "
        + "older than what the device wrote to RAM at step \(stale.step)",
      detail: "A non-coherent device writes RAM behind the cache's back, so a line cached "
        + "before the transfer keeps the old bytes. Invalidate before the CPU reads: "
        + "dma_sync_single_for_cpu or dma_unmap_single with DMA_FROM_DEVICE or "
        + "DMA_BIDIRECTIONAL.",
      addresses: [LogAddress(.phys, physical.rawValue), LogAddress(.line, line.rawValue)])
  }

  /// A maintenance instruction on one line: invalidation ends the watch silently, a dirty
  /// write-back is reported, cleaning a clean line changes nothing.
  mutating func noteMaintenance(
    _ operation: CacheOperation, _ address: PhysAddr, _ result: CacheMaintenance,
    bus: inout some MemoryBus
  ) {
    let line = cache.geometry.lineAddress(address)
    switch operation {
    case .invalidate:
      _ = coherencyWatch.lineLeft(line)
    case .clean, .cleanInvalidate:
      if result.wroteBack || operation == .cleanInvalidate {
        noteLineLeaving(
          line, wroteBack: result.wroteBack, by: operation.instruction(bus.architecture),
          bus: &bus)
      }
    }
  }
}
