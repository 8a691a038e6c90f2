import Testing

@testable import DMASim

/// drivers/iommu/iova.c: top-down, size-aligned allocation, the cached nodes and the range cache.
@Suite struct IOVADomainTests {
  func alloc(_ iovad: inout IOVADomain, _ pages: UInt64, _ limit: UInt64) -> UInt64? {
    iovad.allocate(pages: pages, limitPFN: limit)?.pfn
  }

  func allocFull(_ iovad: inout IOVADomain, _ pages: UInt64, _ limit: UInt64) -> (
    pfn: UInt64, fromCache: Bool
  )? {
    iovad.allocate(pages: pages, limitPFN: limit)
  }

  func range(_ iovad: inout IOVADomain, _ pages: UInt64, _ limit: UInt64, aligned: Bool) -> UInt64?
  {
    iovad.allocateRange(pages: pages, limitPFN: limit, sizeAligned: aligned)
  }

  @Test func kernelBitHelpers() {
    #expect(IOVADomain.flsLong(0) == 0)
    #expect(IOVADomain.flsLong(1) == 1)
    #expect(IOVADomain.flsLong(63) == 6)
    #expect(IOVADomain.flsLong(64) == 7)
    #expect(IOVADomain.roundUpPowerOfTwo(1) == 1)
    #expect(IOVADomain.roundUpPowerOfTwo(3) == 4)
    #expect(IOVADomain.roundUpPowerOfTwo(17) == 32)
    #expect(IOVADomain.orderBase2(1) == 0)
    #expect(IOVADomain.orderBase2(3) == 2)
    #expect(IOVADomain.orderBase2(32) == 5)
    #expect(IOVADomain.orderBase2(33) == 6)
  }

  @Test func allocatesTopDownBelowTheLimitSizeAligned() throws {
    var iovad = IOVADomain()
    let limit: UInt64 = 0xfffff  // a 32-bit DMA mask
    // One page: just below 4 GiB.
    #expect(alloc(&iovad, 1, limit) == 0xfffff)
    // Three pages round up to four and start on a four-page boundary, below the last one.
    #expect(alloc(&iovad, 3, limit) == 0xffff8)
    #expect(iovad.find(pfn: 0xffff8)?.pages == 4)
    #expect(alloc(&iovad, 1, limit) == 0xffff7)
    // 64 pages: not rounded (already a power of two), aligned to 64 pages.
    #expect(alloc(&iovad, 64, limit) == 0xfff80)
    // 33 pages: above the rounding threshold, so 33 pages, but aligned to 64 (fls_long(32)).
    let odd = try #require(allocFull(&iovad, 33, limit))
    #expect(odd.pfn == 0xfff40)
    #expect(iovad.find(pfn: 0xfff40)?.pages == 33)
    #expect(iovad.ranges.map(\.pfnLo) == [0xfff40, 0xfff80, 0xffff7, 0xffff8, 0xfffff])
    // A lower mask puts the next one below its own limit.
    #expect(alloc(&iovad, 2, 0xffff) == 0xfffe)
  }

  @Test func freedSmallRangesComeBackFromTheRangeCache() throws {
    var iovad = IOVADomain()
    let a = try #require(allocFull(&iovad, 1, 0xfffff))
    let b = try #require(allocFull(&iovad, 2, 0xfffff))
    #expect(!a.fromCache && !b.fromCache)
    let freedToCache = iovad.free(pfn: a.pfn, pages: 1)
    #expect(freedToCache)
    // Still allocated in the tree while cached.
    #expect(iovad.find(pfn: a.pfn) != nil)
    #expect(iovad.rangeCaches[0].loaded == [a.pfn])
    // Same order: reused. Another order: a fresh range.
    let c = try #require(allocFull(&iovad, 1, 0xfffff))
    #expect(c.pfn == a.pfn && c.fromCache)
    let d = try #require(allocFull(&iovad, 1, 0xfffff))
    #expect(!d.fromCache && d.pfn == 0xffffb)
  }

  @Test func largeRangesGoBackToTheTreeAndTheCachedNodeMovesUp() throws {
    var iovad = IOVADomain()
    let big = try #require(allocFull(&iovad, 64, 0xfffff))
    #expect(big.pfn == 0xfffc0)
    let next = try #require(allocFull(&iovad, 64, 0xfffff))
    #expect(next.pfn == 0xfff80)
    // Order 6 is above the range cache: free_iova, and the cached node moves above it.
    let freedToCache = iovad.free(pfn: big.pfn, pages: 64)
    #expect(!freedToCache)
    #expect(iovad.find(pfn: big.pfn) == nil)
    #expect(alloc(&iovad, 64, 0xfffff) == 0xfffc0)
  }

  @Test func retriesAboveTheCachedNodeThenFails() throws {
    var iovad = IOVADomain()
    // Fill [0x10, 0x1f] with two eight-page ranges under a small limit.
    #expect(range(&iovad, 8, 0x1f, aligned: true) == 0x18)
    #expect(range(&iovad, 8, 0x1f, aligned: true) == 0x10)
    // Free the upper one with free_iova: the cached node moves up, so the hole is found.
    iovad.freeRange(containing: 0x18)
    #expect(range(&iovad, 8, 0x1f, aligned: true) == 0x18)
    // Below 0x10 only [1, 0xf] is left (start_pfn 1): eight aligned pages fit at 0x8.
    #expect(range(&iovad, 8, 0x1f, aligned: true) == 0x8)
    // Nothing aligned to eight pages is left below the limit.
    #expect(range(&iovad, 8, 0x1f, aligned: true) == nil)
    #expect(iovad.max32AllocSize == 8)
    // Smaller than max32_alloc_size is still tried: four unaligned pages fit below 0x8.
    #expect(range(&iovad, 4, 0x1f, aligned: false) == 0x4)
  }

  @Test func reservedWindowIsSkipped() throws {
    var iovad = IOVADomain()
    iovad.reserve(pfnLo: 0x8000, pfnHi: 0x80ff)
    #expect(alloc(&iovad, 1, 0x8100) == 0x8100)
    #expect(alloc(&iovad, 1, 0x8100) == 0x7fff)
  }
}
