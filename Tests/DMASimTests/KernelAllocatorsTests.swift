import Testing

@testable import DMASim

/// The kernel allocators alone, over a fake bus: no machine, board or scenario text.
@Suite struct KernelAllocatorsTests {
  /// 256 pages for the page allocator at 0x4010_0000 and a 4 MiB CMA area at 0x4200_0000
  /// (one MAX_PAGE_ORDER block), so movable pages come from CMA: 1024 free CMA pages are more
  /// than half of the zone's 1280.
  func allocators(cma: Bool = true) -> KernelAllocators {
    KernelAllocators(
      pages: PageAllocator(range: MemoryRegion(name: "pages", base: 0x4010_0000, size: 1 << 20)),
      dmaZonePages: nil,
      cmaAreas: cma ? [CMAArea(name: "reserved", base: 0x4200_0000, size: 4 << 20)] : [])
  }

  @Test func allocPagesHandsOutAnAlignedBlockAndFreePagesTakesItBack() {
    var kernel = allocators()
    var bus = FakeAllocatorBus()
    kernel.allocPages(order: 0, flags: .kernel, result: "a", bus: &bus)
    kernel.allocPages(order: 1, flags: .kernel, result: "p", bus: &bus)
    // The order-1 block is aligned to two pages: 0x4010_2000, after the single page.
    #expect(bus.variables["p"] == .page(PhysAddr(0x4010_2000)))
    #expect(kernel.allocations.map(\.allocator) == ["alloc_pages order-0", "alloc_pages order-1"])
    #expect(kernel.allocations.map(\.id) == [1, 2])
    #expect(kernel.allocations[1].allocatedAtStep == 7)
    #expect(kernel.allocations[1].virtualAddress == VirtAddr(0xffff_0000_0010_2000))
    #expect(bus.nextID == 3)
    #expect(kernel.pages.allocatedCount == 3)
    #expect(bus.logged.last?.hasPrefix("alloc_pages(GFP_KERNEL, 1) = ") == true)

    // The wrong order is refused and changes nothing; the right one frees both pages.
    kernel.freePages(.variable("p"), order: 0, bus: &bus)
    #expect(bus.debugLogged.last?.contains("not an order-0 block") == true)
    #expect(kernel.allocations.count == 2)
    kernel.freePages(.variable("p"), order: 1, bus: &bus)
    #expect(kernel.allocations.map(\.allocator) == ["alloc_pages order-0"])
    #expect(kernel.pages.allocatedCount == 1)
    #expect(kernel.pages.freed == [0x4010_3000, 0x4010_2000])
  }

  @Test func kmallocZeroesOnTheCPUAndKfreeRefusesASecondFree() {
    var kernel = allocators()
    var bus = FakeAllocatorBus()
    kernel.kmalloc(size: 100, flags: [.directReclaim, .zero], result: "obj", bus: &bus)
    #expect(kernel.allocations.first?.allocator == "kmalloc-128")
    #expect(kernel.allocations.first?.reservedSize == 128)
    guard case .pointer(let virtual) = bus.variables["obj"] else {
      Issue.record("kmalloc returned \(String(describing: bus.variables["obj"]))")
      return
    }
    #expect(bus.zeroed.map(\.0) == [virtual])
    #expect(bus.zeroed.map(\.1) == [100])
    kernel.kfree(.variable("obj"), bus: &bus)
    #expect(kernel.allocations.isEmpty)
    #expect(bus.logged.last == "kfree(\(virtual.hex)) → back to kmalloc-128")
    kernel.kfree(.variable("obj"), bus: &bus)
    #expect(bus.debugLogged.last?.contains("not a live kmalloc object") == true)
  }

  @Test func cmaAllocAndReleaseFollowTheBitmap() {
    var kernel = allocators()
    var bus = FakeAllocatorBus()
    kernel.cmaAlloc(count: 4, align: 2, result: "buf", bus: &bus)
    #expect(bus.variables["buf"] == .pointer(VirtAddr(0xffff_0000_0200_0000)))
    #expect(kernel.cmaAreas[0].used == 4)
    #expect(kernel.allocations.first?.cmaArea == "reserved")
    #expect(kernel.allocations.first?.reservedSize == 4 << 12)
    kernel.cmaAlloc(count: 1, align: 0, result: "next", bus: &bus)
    #expect(bus.variables["next"] == .pointer(VirtAddr(0xffff_0000_0200_4000)))

    kernel.cmaRelease(.variable("buf"), count: 4, bus: &bus)
    #expect(bus.logged.last == "cma_release(reserved, pfn 0x42000, 4) = true")
    #expect(kernel.cmaAreas[0].used == 1)
    #expect(kernel.allocations.map(\.name) == ["next"])
    // A linear-map address outside the area is refused by cma_pages_valid.
    bus.variables["outside"] = .pointer(VirtAddr(0xffff_0000_0010_0000))
    kernel.cmaRelease(.variable("outside"), count: 1, bus: &bus)
    #expect(
      bus.logged.last?.hasSuffix("= false: the pages are not in the area (cma_pages_valid)") == true
    )
    #expect(kernel.cmaAreas[0].used == 1)
  }

  @Test func cmaAllocWithoutAnAreaReturnsNull() {
    var kernel = allocators(cma: false)
    var bus = FakeAllocatorBus()
    kernel.cmaAlloc(count: 1, align: 0, result: "buf", bus: &bus)
    #expect(bus.variables["buf"] == .error(.null))
    #expect(kernel.allocations.isEmpty)
    #expect(bus.logged == ["cma_alloc: no CMA area on this board = NULL"])
  }

  @Test func cmaAllocMigratesALentMovablePageThroughTheBus() {
    var kernel = allocators()
    var bus = FakeAllocatorBus()
    // The area is one 4 MiB block, so its lowest page is lent first.
    kernel.allocMovablePages(order: 0, result: "m", bus: &bus)
    #expect(bus.variables["m"] == .page(PhysAddr(0x4200_0000)))
    #expect(kernel.cmaAreas[0].borrowed == [0x42000])
    kernel.cmaAlloc(count: 4, align: 0, result: "buf", bus: &bus)
    // The claim takes pfns 0x42000-0x42003; the page moves to the next free CMA page, the CPU
    // copies it, and its user follows.
    #expect(
      bus.copies.map { [$0.0.rawValue, $0.1.rawValue, $0.2] } == [[0x4200_0000, 0x4200_4000, 4096]])
    #expect(bus.variables["m"] == .page(PhysAddr(0x4200_4000)))
    #expect(kernel.allocations.first { $0.name == "m" }?.physical == PhysAddr(0x4200_4000))
    #expect(
      bus.logged.contains { $0.hasPrefix("alloc_contig_range: migrate pfn 0x42000 → 0x42004") })
  }
}
