extension Machine {
  /// A non-coherent device wrote RAM: every cached line under the write now holds old data.
  mutating func noteDeviceWrite(_ address: PhysAddr, count: Int) {
    guard count > 0 else { return }
    let lineSize = UInt64(memory.cache.geometry.lineSize)
    var line = memory.cache.geometry.lineAddress(address).rawValue
    let end = address.rawValue + UInt64(count)
    while line < end {
      if memory.cache.lookup(PhysAddr(line)) != nil {
        memory.coherencyWatch.deviceWrote(PhysAddr(line), step: stepCount)
      }
      line += lineSize
    }
  }

  /// A cache access by the CPU or the kernel: a line it evicted leaves the watch.
  mutating func noteCacheAccess(_ access: CacheAccess) {
    guard let evicted = access.evicted else { return }
    noteLineLeaving(evicted.lineAddress, wroteBack: evicted.wasDirty, by: "its eviction")
  }

  /// A line left the cache or was written back; a write-back over device data is reported.
  mutating func noteLineLeaving(_ line: PhysAddr, wroteBack: Bool, by cause: String) {
    guard let stale = memory.coherencyWatch.lineLeft(line), wroteBack else { return }
    log(
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
  mutating func noteLoad(_ physical: PhysAddr, count: Int, hit: Bool) {
    let line = memory.cache.geometry.lineAddress(physical)
    guard hit else {
      _ = memory.coherencyWatch.lineLeft(line)
      return
    }
    guard memory.coherencyWatch.isStale(line) else { return }
    let differs = (0..<UInt64(count)).contains {
      let at = physical.advanced(by: $0)
      return memory.cache.peek(at, ram: memory.ram) != memory.ram.byte(at: at)
    }
    guard differs, let stale = memory.coherencyWatch.firstStaleRead(line) else { return }
    log(
      .debug, "coherency",
      "stale read: the CPU loaded \(count) bytes at \(physical.hex) from cache line \(line.hex), "
        + "older than what the device wrote to RAM at step \(stale.step)",
      detail: "A non-coherent device writes RAM behind the cache's back, so a line cached "
        + "before the transfer keeps the old bytes. Invalidate before the CPU reads: "
        + "dma_sync_single_for_cpu or dma_unmap_single with DMA_FROM_DEVICE or "
        + "DMA_BIDIRECTIONAL.",
      addresses: [LogAddress(.phys, physical.rawValue), LogAddress(.line, line.rawValue)])
  }

  /// A streaming mapping the device may write whose first or last cache line also holds other
  /// live data: another allocation, or bytes of the same object before the mapping (a buffer
  /// inside a struct). Maintenance on the mapping hits that data, and its dirty line can
  /// overwrite what the device writes (why arm64 sets `ARCH_DMA_MINALIGN` to 128 and bounces
  /// small kmalloc buffers when it can). Slack past an object's requested size does not count.
  mutating func checkSharedCacheLines(
    _ spec: DeviceSpec, physical: PhysAddr, size: UInt64, direction: DMADataDirection
  ) {
    guard !spec.coherent, direction != .toDevice, size > 0 else { return }
    let lineSize = UInt64(memory.cache.geometry.lineSize)
    let first = physical.rawValue - physical.rawValue % lineSize
    let end = physical.rawValue + size
    let last = (end - 1) - (end - 1) % lineSize + lineSize
    let owner = allocators.allocations.first {
      physical >= $0.physical && end - $0.physical.rawValue <= max($0.reservedSize, $0.size)
    }
    var label = "the buffer"
    if let owner {
      let offset = physical.rawValue - owner.physical.rawValue
      label = "\(owner.name)\(offset > 0 ? " + \(offset)" : "") (\(owner.allocator))"
    }
    var shared: (line: UInt64, with: String)?
    for other in allocators.allocations where other.id != owner?.id && other.reservedSize > 0 {
      let start = other.physical.rawValue
      let stop = start + max(other.size, 1)
      guard start < last, first < stop, start >= end || stop <= physical.rawValue else { continue }
      shared = (max(first, start - start % lineSize), "\(other.name) (\(other.allocator))")
      break
    }
    // Bytes of the same object before the mapping, in its first line: the buffer sits inside
    // a struct. (Bytes after it may be the unused rest of the same buffer, so they do not
    // count.)
    if shared == nil, let owner, physical.rawValue % lineSize != 0 {
      let base = owner.physical.rawValue
      let lead = (max(first, base), min(physical.rawValue, base + owner.size))
      if lead.0 < lead.1 {
        shared = (
          first, "\(owner.name) + \(lead.0 - base)…\(lead.1 - base - 1), outside the mapping"
        )
      }
    }
    guard let shared else { return }
    log(
      .debug, "coherency",
      "\(label) mapped \(direction.kernelName) shares cache line \(PhysAddr(shared.line).hex) with "
        + shared.with,
      detail: "Cache maintenance works on whole lines. Invalidating this line for the DMA "
        + "discards the CPU's writes to the other data in it, and a dirty copy of the line "
        + "written back during the transfer overwrites what the device wrote. Buffers for DMA "
        + "must own their cache lines: arm64 makes ARCH_DMA_MINALIGN 128 bytes and bounces "
        + "small kmalloc buffers through swiotlb when it can.",
      addresses: [LogAddress(.line, shared.line)])
  }
}

extension Machine {
  /// A maintenance instruction on one line: invalidation ends the watch silently, a dirty
  /// write-back is reported, cleaning a clean line changes nothing.
  mutating func noteMaintenance(
    _ operation: CacheOperation, _ address: PhysAddr, _ result: CacheMaintenance
  ) {
    let line = memory.cache.geometry.lineAddress(address)
    switch operation {
    case .invalidate:
      _ = memory.coherencyWatch.lineLeft(line)
    case .clean, .cleanInvalidate:
      if result.wroteBack || operation == .cleanInvalidate {
        noteLineLeaving(
          line, wroteBack: result.wroteBack, by: operation.instruction(board.architecture))
      }
    }
  }
}
