import Testing

@testable import DMASim

/// The memory system alone (RAM, cache, write buffer, page tables, coherency watch) over a
/// fake bus: no machine, board or scenario text.
@Suite struct MemorySystemTests {
  /// 1 MiB of RAM at 0x4000_0000 behind a 4 KiB 2-way write-back cache of 64-byte lines, and
  /// the linear map over it.
  func memory() -> MemorySystem {
    let bank = MemoryRegion(name: "ram", base: 0x4000_0000, size: 1 << 20)
    return MemorySystem(
      ram: PhysicalMemory(banks: [bank]),
      cache: DataCache(geometry: CacheGeometry(size: 4096, ways: 2)),
      writeBuffer: WriteBuffer(),
      pageTable: KernelPageTable(mappings: [
        KernelMapping(
          name: KernelMapping.linearMapName, virtualBase: VirtAddr(0xffff_0000_0000_0000),
          physicalBase: PhysAddr(bank.base), size: bank.size, memoryType: .normalWriteBack,
          granule: 4096)
      ]))
  }

  @Test func aWriteBackStoreStaysInTheCacheUntilCleaned() {
    var memory = memory()
    var bus = FakeMemoryBus()
    let at = PhysAddr(0x4000_1000)
    memory.store(at, [1, 2, 3, 4], .normalWriteBack, bus: &bus)
    // Write-allocate: the line is filled and dirtied; RAM still holds zeros.
    #expect(memory.ram.read(at, count: 4) == [0, 0, 0, 0])
    #expect(bus.slots.count == 1)
    #expect(bus.logged.last?.message.hasSuffix("→ dirty") == true)
    // DC CVAC writes the line back (arm64 names the instruction).
    memory.maintain(.clean, at, bus: &bus)
    #expect(memory.ram.read(at, count: 4) == [1, 2, 3, 4])
    #expect(bus.logged.last?.function == CacheOperation.clean.instruction(.arm64))
    #expect(bus.logged.last?.message.contains("dirty → written back to RAM") == true)
  }

  @Test func aCachedLineOlderThanTheDevicesWriteIsAStaleRead() {
    var memory = memory()
    var bus = FakeMemoryBus()
    let at = PhysAddr(0x4000_2000)
    // The CPU caches the line, then a non-coherent device writes RAM under it.
    _ = memory.load(at, 8, .normalWriteBack, bus: &bus)
    memory.ram.write(at, bytes: [9, 9, 9, 9, 9, 9, 9, 9])
    memory.noteDeviceWrite(at, count: 8, step: 4)
    let bytes = memory.load(at, 8, .normalWriteBack, bus: &bus)
    #expect(bytes == [0, 0, 0, 0, 0, 0, 0, 0])
    #expect(bus.debugLogged.count == 1)
    #expect(bus.debugLogged.first?.hasPrefix("stale read") == true)
    // After an invalidate the next load fills fresh bytes and nothing is reported.
    memory.maintain(.invalidate, at, bus: &bus)
    #expect(memory.load(at, 8, .normalWriteBack, bus: &bus) == [9, 9, 9, 9, 9, 9, 9, 9])
    #expect(bus.debugLogged.count == 1)
  }

  @Test func aBufferableStoreWaitsInTheWriteBufferUntilABarrier() {
    var memory = memory()
    var bus = FakeMemoryBus()
    let at = PhysAddr(0x4000_3000)
    memory.store(at, [7, 7], .normalNonCacheable, bus: &bus)
    #expect(memory.ram.read(at, count: 2) == [0, 0])
    // The CPU's own load sees its buffered bytes; the timed drain is on the agenda.
    #expect(memory.load(at, 2, .normalNonCacheable, bus: &bus) == [7, 7])
    #expect(bus.logged.last?.message.contains("forwarded from the CPU's own write buffer") == true)
    #expect(bus.scheduled.count == 1)
    #expect(bus.scheduled.first?.0 == .writeBufferDrain)
    // rmb() orders loads only; wmb() drains the buffer to RAM.
    memory.runBarrier(.rmb, bus: &bus)
    #expect(memory.ram.read(at, count: 2) == [0, 0])
    memory.runBarrier(.wmb, bus: &bus)
    #expect(memory.ram.read(at, count: 2) == [7, 7])
    #expect(memory.writeBuffer.entries.isEmpty)
    #expect(bus.logged.last?.message.contains("drained by the barrier") == true)
  }

  @Test func memremapOfRAMIsTheLinearMapAndIoremapOfRAMIsRefused() {
    var memory = memory()
    var bus = FakeMemoryBus()
    memory.remap(.memremapWB, PhysAddr(0x4000_4000), size: 4096, result: "p", bus: &bus)
    #expect(bus.variables["p"] == .pointer(VirtAddr(0xffff_0000_0000_4000)))
    memory.remap(.ioremap, PhysAddr(0x4000_4000), size: 4096, result: "q", bus: &bus)
    #expect(bus.variables["q"] == .error(.null))
    #expect(bus.debugLogged.last?.contains("WARN_ON(pfn_is_map_memory") == true)
    // A register window outside RAM gets a Device mapping in the vmalloc area.
    memory.remap(.ioremap, PhysAddr(0x0900_0010), size: 16, result: "r", bus: &bus)
    #expect(bus.variables["r"] == .pointer(VirtAddr(0xffff_8000_0000_0010)))
    #expect(
      memory.pageTable.translate(VirtAddr(0xffff_8000_0000_0010))?.physical == PhysAddr(0x0900_0010)
    )
    #expect(bus.nextVmalloc == 0xffff_8000_0000_2000)
  }
}
