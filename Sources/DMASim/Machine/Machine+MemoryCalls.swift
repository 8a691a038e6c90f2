extension Machine {
  /// What `memory` holds while it is lent out: nothing.
  private static let lentMemory = MemorySystem(
    ram: PhysicalMemory(banks: []), cache: DataCache(geometry: CacheGeometry(size: 64, ways: 1)),
    writeBuffer: WriteBuffer(), pageTable: KernelPageTable(mappings: []))

  /// Runs `body` on the memory system with the machine as its bus. The memory system is lent
  /// out of the machine meanwhile, so nothing on the bus side may read `memory`.
  mutating func withMemory<Result>(
    _ body: (inout MemorySystem, inout Machine) -> Result
  ) -> Result {
    var lent = memory
    memory = Self.lentMemory
    let result = body(&lent, &self)
    memory = lent
    return result
  }

  /// Runs a barrier, a remap or a page-table dump (`MemorySystem.runBarrier`, `.remap`,
  /// `.unmapRemap`, `.showPTE`).
  mutating func executeMemoryAttributeCall(_ action: Action) {
    let result = action.result
    switch action.operation {
    case .barrier(let barrier): withMemory { $0.runBarrier(barrier, bus: &$1) }
    case .remap(let kind, let physical, let size):
      withMemory { $0.remap(kind, PhysAddr(physical), size: size, result: result, bus: &$1) }
    case .unmapRemap(let pointer, let memunmap):
      withMemory { $0.unmapRemap(pointer, memunmap: memunmap, bus: &$1) }
    case .showPTE(let pointer): withMemory { $0.showPTE(pointer, bus: &$1) }
    default: break
    }
  }

  /// `cpu_write`: checks the target and queues its stores, one cache line per step.
  mutating func cpuWrite(_ pointer: Operand, offset: UInt64, bytes: [UInt8]) {
    guard let (virtual, translation) = cpuTarget(pointer, offset: offset, "cpu_write") else {
      return
    }
    log(
      .kernel, "cpu_write",
      "store \(bytes.count) bytes at \(virtual.hex) (phys \(translation.physical.hex), "
        + "\(translation.mapping.memoryType.kernelName)): \(ByteText.quoted(bytes))")
    checkOwnership(translation.physical, count: UInt64(bytes.count), access: "writes")
    checkBounds(virtual, count: UInt64(bytes.count), access: "Write", function: "cpu_write")
    if !bytes.isEmpty {
      cpu.pending.append(
        .storeRun(virtual, translation.physical, bytes, offset: 0, translation.mapping.memoryType))
    }
  }

  /// `cpu_read`: checks the target and queues its loads, one cache line per step.
  mutating func cpuRead(_ pointer: Operand, offset: UInt64, length: UInt64, result: String?) {
    guard let (virtual, translation) = cpuTarget(pointer, offset: offset, "cpu_read") else {
      return
    }
    log(
      .kernel, "cpu_read",
      "load \(length) bytes at \(virtual.hex) (phys \(translation.physical.hex), "
        + "\(translation.mapping.memoryType.kernelName))")
    checkOwnership(translation.physical, count: length, access: "reads")
    checkBounds(virtual, count: length, access: "Read", function: "cpu_read")
    cpu.readBuffer = ReadBuffer()
    if length > 0 {
      cpu.pending.append(
        .loadRun(virtual, translation.physical, count: length, translation.mapping.memoryType))
    }
    cpu.pending.append(.finishRead(virtual, result))
  }

  /// One store micro-operation (`MemorySystem.store`).
  mutating func store(
    _ virtual: VirtAddr, _ physical: PhysAddr, _ bytes: [UInt8], _ type: MemoryType
  ) {
    withMemory { $0.store(physical, bytes, type, bus: &$1) }
  }

  /// One load micro-operation (`MemorySystem.load`); the bytes join the CPU's read buffer.
  mutating func load(_ virtual: VirtAddr, _ physical: PhysAddr, _ count: Int, _ type: MemoryType) {
    let bytes = withMemory { $0.load(physical, count, type, bus: &$1) }
    cpu.readBuffer.append(bytes)
  }

  /// One maintenance instruction on each line of a range (`MemorySystem.maintainRange`).
  mutating func maintainRange(_ operation: CacheOperation, _ address: PhysAddr, lines: Int) {
    withMemory { $0.maintainRange(operation, address, lines: lines, bus: &$1) }
  }

  /// One cache maintenance micro-operation (`MemorySystem.maintain`).
  mutating func maintain(_ operation: CacheOperation, _ address: PhysAddr) {
    withMemory { $0.maintain(operation, address, bus: &$1) }
  }

  /// A bufferable store (`MemorySystem.bufferedStore`).
  mutating func bufferedStore(_ physical: PhysAddr, _ bytes: [UInt8], _ type: MemoryType) {
    withMemory { $0.bufferedStore(physical, bytes, type, bus: &$1) }
  }

  /// Drains the write buffer for `caller` (`MemorySystem.drainWriteBuffer`).
  mutating func drainWriteBuffer(by caller: String, instruction: String) {
    withMemory { $0.drainWriteBuffer(by: caller, instruction: instruction, bus: &$1) }
  }

  /// The `.writeBufferDrain` event (`MemorySystem.drainAgedWriteBuffer`).
  mutating func drainAgedWriteBuffer() { withMemory { $0.drainAgedWriteBuffer(bus: &$1) } }

  /// A non-coherent device wrote RAM (`MemorySystem.noteDeviceWrite`).
  mutating func noteDeviceWrite(_ address: PhysAddr, count: Int) {
    memory.noteDeviceWrite(address, count: count, step: stepCount)
  }

  /// A kernel cache access: an evicted line leaves the watch (`MemorySystem.noteCacheAccess`).
  mutating func noteCacheAccess(_ access: CacheAccess) {
    withMemory { $0.noteCacheAccess(access, bus: &$1) }
  }

  /// A kernel load hit or filled a line (`MemorySystem.noteLoad`).
  mutating func noteLoad(_ physical: PhysAddr, count: Int, hit: Bool) {
    withMemory { $0.noteLoad(physical, count: count, hit: hit, bus: &$1) }
  }

  /// A streaming mapping the device may write whose first or last cache line also holds other
  /// live data (`KernelAllocators.sharedCacheLine`): maintenance on the mapping hits that data,
  /// and its dirty line can overwrite what the device writes (why arm64 sets
  /// `ARCH_DMA_MINALIGN` to 128 and bounces small kmalloc buffers when it can).
  mutating func checkSharedCacheLines(
    _ spec: DeviceSpec, physical: PhysAddr, size: UInt64, direction: DMADataDirection
  ) {
    guard !spec.coherent, direction != .toDevice, size > 0,
      let shared = allocators.sharedCacheLine(
        physical: physical, size: size, lineSize: UInt64(memory.cache.geometry.lineSize))
    else { return }
    log(
      .debug, "coherency",
      "\(shared.label) mapped \(direction.kernelName) shares cache line "
        + "\(PhysAddr(shared.line).hex) with \(shared.with)",
      detail: "Cache maintenance works on whole lines. Invalidating this line for the DMA "
        + "discards the CPU's writes to the other data in it, and a dirty copy of the line "
        + "written back during the transfer overwrites what the device wrote. Buffers for DMA "
        + "must own their cache lines: arm64 makes ARCH_DMA_MINALIGN 128 bytes and bounces "
        + "small kmalloc buffers through swiotlb when it can.",
      addresses: [LogAddress(.line, shared.line)])
  }

  /// Resolves a pointer operand plus offset and walks the page tables for it.
  private mutating func cpuTarget(
    _ pointer: Operand, offset: UInt64, _ function: String
  ) -> (VirtAddr, Translation)? {
    guard let value = resolve(pointer, for: function) else { return nil }
    guard case .pointer(let base) = value else {
      log(.debug, function, "\(pointer.text) is \(value.text), not a CPU pointer")
      return nil
    }
    let virtual = base.advanced(by: offset)
    guard let translation = memory.pageTable.translate(virtual) else {
      log(
        .debug, function,
        "Unable to handle kernel paging request at virtual address \(virtual.hex)",
        detail: "No page-table entry maps this address; a real kernel oopses here.")
      return nil
    }
    return (virtual, translation)
  }

  /// Reports an access that runs past the end of its kmalloc object, as KASAN would
  /// (`KernelAllocators.outOfBoundsDetail`).
  private mutating func checkBounds(
    _ virtual: VirtAddr, count: UInt64, access: String, function: String
  ) {
    guard let detail = allocators.outOfBoundsDetail(virtual, count: count, access: access) else {
      return
    }
    log(.debug, "kasan", "BUG: KASAN: slab-out-of-bounds in \(function)", detail: detail)
  }

  /// Reports a CPU access to a buffer the device owns (`DMAMappingState.deviceOwnedDetails`):
  /// dmascope's own coherency check (the reason `dma_sync_*` exists). The kernel had a check
  /// like it, `debug_dma_assert_idle` ("cpu touching an active dma mapped cacheline"), until
  /// v5.9 removed it (5848dc5b1b76, "dma-debug: remove debug_dma_assert_idle() function");
  /// v6.16's kernel/dma/debug.c has nothing of the kind, so it is not labelled dma-debug.
  private mutating func checkOwnership(_ physical: PhysAddr, count: UInt64, access: String) {
    let line = memory.cache.geometry.lineAddress(physical)
    let details = dma.deviceOwnedDetails(
      physical, count: count, access: access, deviceName: deviceName)
    for detail in details {
      log(
        .debug, "coherency",
        "the CPU touched cache line \(line.hex) of a buffer the device owns", detail: detail)
    }
  }
}

extension Machine: MemoryBus {
  /// The board's architecture.
  var architecture: Architecture { board.architecture }

  /// Whether a timed write-buffer drain is on the agenda.
  var writeBufferDrainPending: Bool { agenda.contains(.writeBufferDrain) }

  /// A cache slot the step touched.
  mutating func touched(slot: CacheSlot) { run.lastTouch.cacheSlots.append(slot) }

  /// A line the step evicted.
  mutating func touched(eviction line: PhysAddr) { run.lastTouch.evictions.append(line) }

  /// Takes `size` bytes of the vmalloc area and a guard page after them.
  mutating func vmallocArea(size: UInt64) -> VirtAddr {
    let virtual = VirtAddr(allocators.nextVmalloc)
    allocators.nextVmalloc += size + PhysicalMemory.pageSize
    return virtual
  }
}
