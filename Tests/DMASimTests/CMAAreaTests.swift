import Testing

@testable import DMASim

@Suite struct CMAAreaTests {
  /// An area of 64 pages whose base PFN (0x40001) is not aligned, so alignment shows up
  /// relative to the physical PFN, not the area start.
  func area() -> CMAArea { CMAArea(name: "test", base: 0x4000_1000, size: 64 << 12) }

  @Test func firstFitPlacementOfMixedSizesAndAlignments() {
    var cma = area()
    #expect(cma.basePFN == 0x40001)
    // 3 pages, order 0: bits 0-2.
    #expect(cma.allocate(pages: 3, align: 0) == 0x40001)
    // 2 pages aligned to 4 pages of PFN: first PFN >= 0x40004 with PFN % 4 == 0 is 0x40004
    // (bit 3).
    #expect(cma.allocate(pages: 2, align: 2) == 0x40004)
    // 1 page, order 0: the hole at bit 5 (PFN 0x40006).
    #expect(cma.allocate(pages: 1, align: 0) == 0x40006)
    // 8 pages aligned to 8 PFNs: 0x40008 is bit 7, free: bits 7-14.
    #expect(cma.allocate(pages: 8, align: 3) == 0x40008)
    // 1 page fills bit 6 (PFN 0x40007).
    #expect(cma.allocate(pages: 1, align: 0) == 0x40007)
    // 16 pages aligned to 16: 0x40010 is bit 15.
    #expect(cma.allocate(pages: 16, align: 4) == 0x40010)
    #expect(cma.used == 31)
    #expect(cma.availableCount == 33)
    // Release the 8-page block: the next 4-page, order-2 request reuses its start.
    #expect(cma.release(pfn: 0x40008, pages: 8) == true)
    #expect(cma.allocate(pages: 4, align: 2) == 0x40008)
    #expect(cma.maxChunk == 33)
  }

  @Test func bitmapWordsMatchTheAllocations() {
    var cma = area()
    _ = cma.allocate(pages: 3, align: 0)
    _ = cma.allocate(pages: 2, align: 2)
    #expect(cma.bitmap.words == [0b1_1111])
    #expect(cma.bitmap.clearRuns().map { [$0.start, $0.end] } == [[5, 64]])
  }

  @Test func releaseOutsideTheAreaDoesNothing() {
    var cma = area()
    #expect(cma.release(pfn: 0x40000, pages: 1) == false)
    #expect(cma.release(pfn: 0x40041, pages: 1) == false)
    #expect(cma.release(pfn: 0x40040, pages: 2) == false)
    #expect(cma.release(pfn: 0x40040, pages: 1) == true)
  }

  @Test func orderPerBitRoundsRequestsUp() {
    var cma = CMAArea(name: "coarse", base: 0x8000_0000, size: 64 << 12, orderPerBit: 2)
    #expect(cma.bitmap.count == 16)
    #expect(cma.allocate(pages: 1, align: 0) == 0x80000)
    #expect(cma.allocate(pages: 5, align: 0) == 0x80004)
    #expect(cma.bitmap.population == 3)
    #expect(cma.used == 6)
  }

  @Test func failureIsLoggedWithTheFreeExtents() {
    var cma = CMAArea(name: "reserved", base: 0x4000_0000, size: 16 << 12)
    _ = cma.allocate(pages: 4, align: 0)
    _ = cma.allocate(pages: 4, align: 0)
    #expect(cma.release(pfn: 0x40000, pages: 4) == true)
    #expect(cma.allocate(pages: 12, align: 0) == nil)
    #expect(
      cma.log.map(\.text) == [
        "cma: __cma_alloc: reserved: alloc failed, req-size: 12 pages, ret: -16",
        "cma: number of available pages: ",
        "cma: range 0: 4@0+8@8",
        "cma: ",
        "=> 12 free of 16 total pages",
      ])
    #expect(cma.allocate(pages: 100, align: 0, noWarn: true) == nil)
    #expect(cma.log.count == 5)
  }

  @Test func aOneGibibyteAreaIsCheap() {
    var cma = CMAArea(name: "big", base: 1 << 32, size: 1 << 30)
    #expect(cma.bitmap.words.count == 4096)
    #expect(cma.allocate(pages: 262_144, align: 8) == 1 << 20)
    #expect(cma.allocate(pages: 1, align: 0) == nil)
  }
}

@Suite struct CMAMigrationTests {
  @Test func borrowedPagesAreMigratedWhenClaimed() {
    var cma = CMAArea(name: "reserved", base: 0x4000_0000, size: 32 << 12)
    #expect(cma.lend(pfn: 0x40001) == true)
    #expect(cma.lend(pfn: 0x40003) == true)
    #expect(cma.lend(pfn: 0x40010) == true)
    #expect(cma.allocate(pages: 4, align: 2) == 0x40000)
    #expect(
      cma.migrations == [
        CMAMigration(from: 0x40001, to: 0x40020), CMAMigration(from: 0x40003, to: 0x40021),
      ])
    #expect(cma.borrowed == [0x40010])
    // CMA-allocated pages cannot be lent.
    #expect(cma.lend(pfn: 0x40002) == false)
  }

  @Test func pinnedPageMakesTheRangeBusyAndTheNextAlignedCandidateIsTried() {
    var cma = CMAArea(name: "reserved", base: 0x4000_0000, size: 32 << 12)
    #expect(cma.lend(pfn: 0x40002, pinned: true) == true)
    #expect(cma.lend(pfn: 0x40005) == true)
    #expect(cma.allocate(pages: 4, align: 2) == 0x40004)
    #expect(
      cma.log.map(\.text) == [
        "alloc_contig_range: [40000, 40004) PFNs busy",
        "cma: cma_range_alloc(): memory range at pfn 0x40000 fffffc0001000000 is busy, retrying",
      ])
    #expect(cma.log.map(\.level) == [.info, .debug])
    #expect(cma.migrations == [CMAMigration(from: 0x40005, to: 0x40020)])
    #expect(cma.used == 4)
    // After the pin is dropped, the first range can be claimed and its page migrates.
    cma.unpin(pfn: 0x40002)
    #expect(cma.allocate(pages: 4, align: 2) == 0x40000)
    #expect(cma.migrations.last == CMAMigration(from: 0x40002, to: 0x40021))
  }

  @Test func everyCandidatePinnedFailsWithBusy() {
    var cma = CMAArea(name: "reserved", base: 0x4000_0000, size: 8 << 12)
    #expect(cma.lend(pfn: 0x40001, pinned: true) == true)
    #expect(cma.lend(pfn: 0x40005, pinned: true) == true)
    #expect(cma.allocate(pages: 4, align: 2) == nil)
    #expect(cma.log.last?.text == "=> 8 free of 8 total pages")
    #expect(cma.log.contains { $0.text.hasSuffix("ret: -16") })
    #expect(cma.availableCount == 8)
  }
}
