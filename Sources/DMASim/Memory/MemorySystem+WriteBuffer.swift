extension MemorySystem {
  /// `wmb()`/`mb()`/`dma_wmb()` drain the write buffer; `rmb()`/`dma_rmb()` order loads only.
  mutating func runBarrier(_ barrier: MemoryBarrier, bus: inout some MemoryBus) {
    let instruction = barrier.instruction(bus.architecture)
    guard barrier.ordersStores else {
      bus.log(
        .kernel, barrier.kernelName,
        "\(barrier.kernelName)(): \(instruction) — later loads wait for earlier ones; buffered "
          + "stores are not affected (\(writeBuffer.entries.count) line(s) still buffered)")
      return
    }
    if writeBuffer.entries.isEmpty {
      bus.log(
        .kernel, barrier.kernelName,
        "\(barrier.kernelName)(): \(instruction) — the write buffer is empty, nothing to wait for")
      return
    }
    drainWriteBuffer(by: "\(barrier.kernelName)()", instruction: instruction, bus: &bus)
  }

  /// Drains every buffered store to RAM, logging who asked (a barrier or `writel`'s `__iowmb`).
  mutating func drainWriteBuffer(by caller: String, instruction: String, bus: inout some MemoryBus)
  {
    guard !writeBuffer.entries.isEmpty else { return }
    let entries = writeBuffer.drainAll()
    bus.log(
      .kernel, caller.hasSuffix("()") ? String(caller.dropLast(2)) : caller,
      "\(caller): \(instruction) — \(entries.count) buffered line(s) drain to RAM; a device "
        + "reading after this sees them")
    for entry in entries { writeOut(entry, why: .barrier, bus: &bus) }
  }

  /// The `.writeBufferDrain` event: entries that waited `drainTicks` go to RAM on their own.
  mutating func drainAgedWriteBuffer(bus: inout some MemoryBus) {
    for entry in writeBuffer.drainAged(at: bus.clock) { writeOut(entry, why: .aged, bus: &bus) }
    scheduleWriteBufferDrain(bus: &bus)
  }

  /// Schedules the next timed drain, if something is buffered and no drain is pending.
  func scheduleWriteBufferDrain(bus: inout some MemoryBus) {
    guard let tick = writeBuffer.nextDrainTick, !bus.writeBufferDrainPending else { return }
    bus.schedule(.writeBufferDrain, at: max(tick, bus.clock + 1))
  }

  /// A bufferable store: it waits in the write buffer, merging with others to its line.
  mutating func bufferedStore(
    _ physical: PhysAddr, _ bytes: [UInt8], _ type: MemoryType, bus: inout some MemoryBus
  ) {
    let outcome = writeBuffer.store(physical, bytes: bytes, tick: bus.clock)
    if let drained = outcome.drained { writeOut(drained, why: .full, bus: &bus) }
    let line = cache.geometry.lineAddress(physical)
    bus.log(
      .hardware, "str",
      "\(bytes.count) bytes at \(physical.hex) (\(type.kernelName), bufferable) → write buffer: "
        + (outcome.merged
          ? "merged into the entry for line \(line.hex)"
          : "new entry for line \(line.hex) (\(writeBuffer.entries.count)/"
            + "\(writeBuffer.spec.entries) used)")
        + "; RAM and devices do not see it yet",
      addresses: [LogAddress(.phys, physical.rawValue)])
    scheduleWriteBufferDrain(bus: &bus)
  }

  /// Why a write-buffer entry left for RAM.
  private enum DrainReason {
    /// The buffer was full and the oldest entry made room.
    case full
    /// It waited `drainTicks`.
    case aged
    /// A barrier (or `writel`'s `__iowmb`) drained the buffer.
    case barrier
  }

  /// Writes one drained entry to RAM.
  private mutating func writeOut(
    _ entry: WriteBufferEntry, why: DrainReason, bus: inout some MemoryBus
  ) {
    ram.write(entry)
    bus.touched(
      MemoryRegion(name: "drain", base: entry.line.rawValue, size: UInt64(entry.bytes.count)))
    let reason =
      switch why {
      case .full: "buffer full, oldest entry drained"
      case .aged: "drained after \(writeBuffer.spec.drainTicks) ticks"
      case .barrier: "drained by the barrier"
      }
    bus.log(
      .hardware, "write buffer",
      "line \(entry.line.hex): \(entry.byteCount) bytes from \(entry.stores) store(s) → RAM in "
        + "one burst (\(reason))",
      addresses: [LogAddress(.line, entry.line.rawValue)])
  }
}
