import Testing

@testable import DMASim

@Suite struct CacheStatisticsTests {
  /// 4 sets of 2 ways, 16-byte lines: lines 0x40 apart share a set.
  func cache(_ write: CacheGeometry.WritePolicy = .writeBack, allocate: Bool = true) -> DataCache {
    DataCache(
      geometry: CacheGeometry(
        size: 128, ways: 2, lineSize: 16, writePolicy: write, allocateOnWrite: allocate))
  }

  @Test func anAccessAcrossTwoLinesCountsOnceAndMissesIfEitherLineMisses() {
    var cache = cache()
    cache.access(TraceAccess(.load, address: 0x0c, size: 8))  // lines 0 and 1 both miss
    cache.access(TraceAccess(.load, address: 0x0c, size: 8))  // both hit
    cache.access(TraceAccess(.load, address: 0x1c, size: 8))  // line 1 hits, line 2 misses
    #expect(cache.statistics.loads == 3)
    #expect(cache.statistics.loadHits == 1)
    #expect(cache.statistics.loadMisses == 2)
    #expect(cache.lookup(PhysAddr(0x20)) != nil)
  }

  @Test func evictionsCountValidLinesAndWritebacksCountDirtyOnes() {
    var cache = cache()
    cache.access(TraceAccess(.store, address: 0x00, size: 1))  // set 0: A dirty
    cache.access(TraceAccess(.load, address: 0x40, size: 1))  // set 0: B clean
    cache.access(TraceAccess(.load, address: 0x80, size: 1))  // evicts A (LRU, dirty)
    cache.access(TraceAccess(.load, address: 0xc0, size: 1))  // evicts B (clean)
    #expect(cache.statistics.evictions == 2)
    #expect(cache.statistics.writebacks == 1)
    #expect(
      cache.statistics.jsonText
        == "{\"loads\":3,\"stores\":1,\"load_hits\":0,\"load_misses\":3,\"store_hits\":0,"
        + "\"store_misses\":1,\"evictions\":2,\"writebacks\":1}")
  }

  @Test func aStoreHitRefreshesTheLRUAge() {
    var cache = cache()
    cache.access(TraceAccess(.load, address: 0x00, size: 1))
    cache.access(TraceAccess(.load, address: 0x40, size: 1))
    cache.access(TraceAccess(.store, address: 0x00, size: 1))
    cache.access(TraceAccess(.load, address: 0x80, size: 1))
    #expect(cache.lookup(PhysAddr(0x00)) != nil)
    #expect(cache.lookup(PhysAddr(0x40)) == nil)
  }

  @Test func writeAroundStoresAllocateNothing() {
    var cache = cache(.writeThrough, allocate: false)
    cache.access(TraceAccess(.store, address: 0x00, size: 4))
    cache.access(TraceAccess(.store, address: 0x00, size: 4))
    #expect(cache.statistics.storeMisses == 2)
    #expect(cache.lookup(PhysAddr(0)) == nil)
    #expect(cache.statistics.writebacks == 0)
  }

  @Test func byteLevelAccessesCountToo() {
    var ram = PhysicalMemory(banks: [MemoryRegion(name: "ram", base: 0, size: 0x1000)])
    var cache = cache()
    _ = cache.write(PhysAddr(0x10), bytes: [1], ram: &ram, step: 1)
    _ = cache.read(PhysAddr(0x10), count: 1, ram: &ram, step: 2)
    #expect(cache.statistics.storeMisses == 1)
    #expect(cache.statistics.loadHits == 1)
  }

  @Test func tableShowsPercentages() {
    var statistics = CacheStatistics()
    statistics.loads = 3
    statistics.loadHits = 2
    statistics.loadMisses = 1
    #expect(statistics.tableText.contains("  hits      2  66.7%"))
    #expect(CacheStatistics.percent(0, of: 0) == "-")
  }

  @Test func geometryProblemsNameTheSettingAndAFix() {
    #expect(CacheGeometry(size: 8192, ways: 4, lineSize: 64).problem == nil)
    #expect(CacheGeometry(size: 8192, ways: 4, lineSize: 48).problem?.field == .lineSize)
    #expect(CacheGeometry(size: 8192, ways: 0, lineSize: 64).problem?.field == .ways)
    let notMultiple = CacheGeometry(size: 1000, ways: 4, lineSize: 64).problem
    #expect(
      notMultiple?.message == "size 1000 is not a multiple of ways × line size (4 × 64 = 256)")
    let threeSets = CacheGeometry(size: 768, ways: 4, lineSize: 64).problem
    #expect(threeSets?.hint == "use 512 (2 sets) or 1024 (4 sets)")
  }

  @Test func syntheticTracesAreDeterministic() {
    var first = SyntheticTrace(seed: 7, cacheSize: 8192)
    var second = SyntheticTrace(seed: 7, cacheSize: 8192)
    #expect(first.next(1000) == second.next(1000))
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xe220_a839_7b1d_cdaf)
  }
}
