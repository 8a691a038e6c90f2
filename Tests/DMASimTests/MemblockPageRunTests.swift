import Testing

@testable import DMASim

/// `Memblock.allocatePages` (map_mem's `early_pgtable_alloc` pages, arch/arm64/mm/mmu.c) must
/// leave the same reserved map as one `memblock_alloc` per page (mm/memblock.c), top-down and
/// bottom-up, across holes, so a 16 TiB bank boots in time proportional to its free ranges.
@Suite struct MemblockPageRunTests {
  /// Memory with holes and reservations inside it, so runs end at range boundaries.
  func fragmented(bottomUp: Bool) -> Memblock {
    var memblock = Memblock()
    memblock.bottomUp = bottomUp
    memblock.add(base: 0x4000_0000, size: 0x10_0000)
    memblock.add(base: 0x8000_0000, size: 0x3_5000)
    memblock.reserve(base: 0x8001_0000, size: 0x3000)
    memblock.reserve(base: 0x4000_8000, size: 0x1800)
    return memblock
  }

  @Test(arguments: [false, true], [1, 5, 40, 300, 600])
  func runsEqualOneAllocationPerPage(bottomUp: Bool, count: Int) {
    var batched = fragmented(bottomUp: bottomUp)
    var single = fragmented(bottomUp: bottomUp)
    var singleTaken = 0
    for _ in 0..<count
    where single.allocate(size: 4096, align: 4096, start: 0, end: Memblock.anywhere) != 0 {
      singleTaken += 1
    }
    #expect(batched.allocatePages(count: count, pageSize: 4096) == singleTaken)
    #expect(batched.reserved == single.reserved)
  }

  @Test func sixteenTebibyteBankTakesItsTablePagesInOneRun() {
    var memblock = Memblock()
    memblock.add(base: 0x4000_0000, size: 1 << 44)
    // One PTE table per 2 MiB: 8 Mi pages, taken from the top in one reservation.
    #expect(memblock.allocatePages(count: 8 << 20, pageSize: 4096) == 8 << 20)
    #expect(memblock.reserved.count == 1)
    #expect(memblock.reserved.first?.end == 0x4000_0000 + (1 << 44))
  }
}
