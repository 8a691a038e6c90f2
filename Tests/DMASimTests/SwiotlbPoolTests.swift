import Testing

@testable import DMASim

@Suite struct SwiotlbPoolTests {
  let start: UInt64 = 0xf400_0000

  @Test func slotListsCountToTheEndOfEachSegment() {
    let pool = SwiotlbPool(start: start, slotCount: 256)
    #expect(pool.slots.prefix(3).map(\.list) == [128, 127, 126])
    #expect(pool.slots[127].list == 1)
    #expect(pool.slots[128].list == 128)
    #expect(SwiotlbPool(start: start, slotCount: 200).slotCount == 256)
  }

  @Test func mapAllocatesNextFitAndRecountsTheRunBefore() throws {
    var pool = SwiotlbPool(start: start, slotCount: 256)
    // 3000 bytes: 2 slots at slot 0.
    #expect(try pool.map(original: 0x4000_0100, mappingSize: 3000).get() == start)
    #expect(pool.slots.prefix(3).map(\.list) == [0, 0, 126])
    #expect(pool.slots[0].allocSize == 3000)
    #expect(pool.slots[1].allocSize == 3000 - 2048)
    #expect(pool.areas[0].index == 2)
    // 1000 bytes: next fit from index 2.
    #expect(try pool.map(original: 0x4100_0000, mappingSize: 1000).get() == start + 2 * 2048)
    // 5000 bytes is >= PAGE_SIZE: page aligned, so slot 3 is skipped for slot 4.
    #expect(try pool.map(original: 0x4200_0000, mappingSize: 5000).get() == start + 4 * 2048)
    #expect(pool.slots[3].list == 1)
    #expect(pool.slots[7].list == 121)
    #expect(pool.areas[0].index == 7)
    #expect(pool.usedSlots == 6)
  }

  @Test func releaseMergesWithNeighbours() throws {
    var pool = SwiotlbPool(start: start, slotCount: 128)
    let first = try pool.map(original: 0x4000_0000, mappingSize: 2048).get()
    let second = try pool.map(original: 0x4000_1000, mappingSize: 2048).get()
    let third = try pool.map(original: 0x4000_2000, mappingSize: 2048).get()
    #expect([first, second, third] == [start, start + 2048, start + 4096])
    #expect(pool.release(bounce: second) == true)
    // Slot 1 merges with nothing after it (slot 2 used): list 1; slot 0 stays used.
    #expect(pool.slots.prefix(4).map(\.list) == [0, 1, 0, 125])
    #expect(pool.release(bounce: third) == true)
    // Slot 2 merges with the 125 free after it, then slot 1 with those.
    #expect(pool.slots.prefix(4).map(\.list) == [0, 127, 126, 125])
    #expect(pool.release(bounce: first) == true)
    #expect(pool.slots.prefix(2).map(\.list) == [128, 127])
    #expect(pool.usedSlots == 0)
    #expect(pool.release(bounce: first) == false)
  }

  @Test func fullPoolGivesTheKernelMessage() throws {
    var pool = SwiotlbPool(start: start, slotCount: 128)
    _ = try pool.map(original: 0x1000, mappingSize: 200 * 1024).get()
    let result = pool.map(original: 0x9000, mappingSize: 64 * 1024)
    guard case .failure(let full) = result else {
      Issue.record("expected a full pool")
      return
    }
    #expect(
      full.message
        == "swiotlb buffer is full (sz: 65536 bytes), total 128 (slots), used 100 (slots)")
    // More than one segment can never fit.
    var empty = SwiotlbPool(start: start, slotCount: 1024)
    guard case .failure(let big) = empty.map(original: 0x1000, mappingSize: 256 * 1024 + 1)
    else {
      Issue.record("expected failure")
      return
    }
    #expect(big.message.hasPrefix("swiotlb buffer is full (sz: 262145 bytes), total 1024"))
  }

  @Test func minAlignMaskKeepsTheLowBitsAndAreasRotate() throws {
    var pool = SwiotlbPool(start: start, slotCount: 512, areaCount: 3)
    #expect(pool.areas.count == 4)
    #expect(pool.areaSlots == 128)
    let nvme = SwiotlbDeviceLimits(minAlignMask: 0xfff)
    let address = try pool.map(original: 0x4000_0a10, mappingSize: 512, device: nvme, cpu: 2)
      .get()
    #expect(address & 0xfff == 0xa10)
    #expect(address >= pool.address(ofSlot: 256))
    #expect(pool.areas[2].used > 0)
    #expect(pool.release(bounce: address, device: nvme) == true)
    #expect(pool.areas[2].used == 0)
  }

  @Test func segmentBoundaryIsRespected() throws {
    var pool = SwiotlbPool(start: start, slotCount: 128)
    let limits = SwiotlbDeviceLimits(segmentBoundaryMask: 0x3fff)
    _ = try pool.map(original: 0x1000, mappingSize: 2048 * 7, device: limits).get()
    // 8 slots per 16 KiB window: a 2-slot request cannot start at slot 7.
    let next = try pool.map(original: 0x2000, mappingSize: 4096, device: limits).get()
    #expect(next == start + 8 * 2048)
  }
}

@Suite struct BuddyAllocatorTests {
  @Test func zonesSplitAndMerge() {
    var buddy = BuddyAllocator(
      freeRanges: [(0x4000_0000, 0x4080_0000)], dmaLimit: 0x4040_0000, dma32Limit: 1 << 32)
    #expect(buddy.zones.map(\.kind) == [.dma, .dma32])
    #expect(buddy.freePages == 2048)
    let page = buddy.allocate(order: 0)
    // Normal is empty, DMA32 serves first: its lowest order-10 block is split.
    #expect(page == 0x40400)
    #expect(buddy.zones[1].freeLists[0] == [0x40401])
    #expect(buddy.zones[1].freeLists[9] == [0x40600])
    #expect(buddy.allocate(order: 2, highest: .dma) == 0x40000)
    buddy.free(pfn: 0x40400, order: 0)
    #expect(buddy.zones[1].freeLists[10] == [0x40400])
    buddy.free(pfn: 0x40000, order: 2)
    #expect(buddy.freePages == 2048)
    #expect(buddy.allocate(order: 11) == nil)
  }

  @Test func eightGibibytesNeedOnlyTopOrderBlocks() {
    let buddy = BuddyAllocator(
      freeRanges: [(0x4000_0000, 0x2_4000_0000)], dmaLimit: 1 << 32, dma32Limit: 1 << 32)
    #expect(buddy.zones.map(\.kind) == [.dma, .normal])
    #expect(buddy.zones.map { $0.freeLists[10].count } == [768, 1280])
    #expect(buddy.freePages == 2 << 20)
  }
}

@Suite struct PageBitmapTests {
  @Test func findNextZeroAreaHonoursMaskAndOffset() {
    var bitmap = PageBitmap(count: 200)
    bitmap.set(0, length: 3)
    bitmap.set(70, length: 1)
    #expect(
      bitmap.findNextZeroArea(size: 200, start: 0, count: 4, alignMask: 3, alignOffset: 0)
        == 4)
    #expect(
      bitmap.findNextZeroArea(size: 200, start: 0, count: 4, alignMask: 3, alignOffset: 1)
        == 3)
    #expect(
      bitmap.findNextZeroArea(size: 200, start: 64, count: 8, alignMask: 7, alignOffset: 0)
        == 72)
    #expect(
      bitmap.findNextZeroArea(size: 200, start: 0, count: 300, alignMask: 0, alignOffset: 0)
        > 200)
    #expect(bitmap.longestClearRun == 129)
    bitmap.clear(0, length: 200)
    #expect(bitmap.population == 0)
  }
}
