import Testing

@testable import DMASim

@Suite struct DataCacheTests {
  let geometry = CacheGeometry(size: 1024, ways: 2, lineSize: 64)

  func memory() -> PhysicalMemory {
    PhysicalMemory(banks: [MemoryRegion(name: "ram", base: 0x1000, size: 0x10000)])
  }

  @Test func storeAllocatesADirtyLineAndLeavesRAMStale() {
    var ram = memory()
    var cache = DataCache(geometry: geometry)
    let access = cache.write(PhysAddr(0x1040), bytes: [1, 2, 3], ram: &ram, step: 1)
    #expect(access.hit == false)
    let slot = cache.lookup(PhysAddr(0x1040))
    #expect(slot == CacheSlot(set: 1, way: 0))
    #expect(cache.line(CacheSlot(set: 1, way: 0)).state == .dirty)
    #expect(ram.read(PhysAddr(0x1040), count: 3) == [0, 0, 0])
    #expect(cache.peek(PhysAddr(0x1041), ram: ram) == 2)
  }

  @Test func cleanWritesBackAndKeepsTheLine() {
    var ram = memory()
    var cache = DataCache(geometry: geometry)
    _ = cache.write(PhysAddr(0x1040), bytes: [7], ram: &ram, step: 1)
    let result = cache.clean(PhysAddr(0x1040), ram: &ram, step: 2)
    #expect(result.wroteBack)
    #expect(ram.byte(at: PhysAddr(0x1040)) == 7)
    #expect(cache.line(CacheSlot(set: 1, way: 0)).state == .clean)
    #expect(cache.clean(PhysAddr(0x1040), ram: &ram, step: 3).wroteBack == false)
  }

  @Test func invalidateDiscardsDirtyData() {
    var ram = memory()
    var cache = DataCache(geometry: geometry)
    _ = cache.write(PhysAddr(0x1040), bytes: [7], ram: &ram, step: 1)
    _ = cache.invalidate(PhysAddr(0x1040), step: 2)
    #expect(cache.lookup(PhysAddr(0x1040)) == nil)
    #expect(ram.byte(at: PhysAddr(0x1040)) == 0)
  }

  @Test func leastRecentlyUsedDirtyVictimIsWrittenBack() {
    var ram = memory()
    var cache = DataCache(geometry: geometry)
    // 8 sets of 64 bytes: addresses 0x200 apart share a set.
    _ = cache.write(PhysAddr(0x1000), bytes: [0xaa], ram: &ram, step: 1)
    _ = cache.read(PhysAddr(0x1200), count: 1, ram: &ram, step: 2)
    _ = cache.read(PhysAddr(0x1200), count: 1, ram: &ram, step: 3)
    let (_, access) = cache.read(PhysAddr(0x1400), count: 1, ram: &ram, step: 4)
    #expect(access.evicted == CacheEviction(lineAddress: PhysAddr(0x1000), wasDirty: true))
    #expect(ram.byte(at: PhysAddr(0x1000)) == 0xaa)
    #expect(cache.age(of: CacheSlot(set: 0, way: 0)) == 0)
  }

  @Test func writeThroughNeverDirties() {
    var ram = memory()
    var cache = DataCache(
      geometry: CacheGeometry(size: 1024, ways: 2, lineSize: 64, writePolicy: .writeThrough))
    _ = cache.write(PhysAddr(0x1040), bytes: [9], ram: &ram, step: 1)
    #expect(cache.line(CacheSlot(set: 1, way: 0)).state == .clean)
    #expect(ram.byte(at: PhysAddr(0x1040)) == 9)
  }
}
