import Testing

@testable import DMASim

/// The swiotlb subsystem alone: a pool and its live bounces, no machine, board or scenario.
/// Each step is a routine of kernel/dma/swiotlb.c (v6.16).
@Suite struct SwiotlbBounceRecordTests {
  let start: UInt64 = 0xf400_0000

  @Test func mapBounceRecordsTheOriginalAndFindsItBothWays() throws {
    var pool = SwiotlbPool(start: start, slotCount: 128)
    // swiotlb_tbl_map_single: 3000 bytes take slots 0 and 1; io_tlb_slot.orig_addr keeps
    // the original.
    let bounce = try pool.mapBounce(
      device: "uart0", original: PhysAddr(0x4000_0100), size: 3000
    ).get()
    #expect(bounce.bounce == PhysAddr(start))
    #expect(pool.bounces == [bounce])
    #expect(pool.usedSlots == 2)
    #expect(pool.bounceIndex(device: "uart0", at: PhysAddr(start + 2999)) == 0)
    #expect(pool.bounceIndex(device: "uart0", at: PhysAddr(start + 3000)) == nil)
    #expect(pool.bounceIndex(device: "spi0", at: PhysAddr(start)) == nil)
    #expect(pool.bounceIndex(device: "uart0", original: PhysAddr(0x4000_0100)) == 0)
  }

  @Test func aSyncPastTheAllocationIsCutAndReported() throws {
    var pool = SwiotlbPool(start: start, slotCount: 128)
    _ = try pool.mapBounce(device: "uart0", original: PhysAddr(0x4000_0000), size: 100).get()
    // swiotlb_bounce: "Buffer overflow detected. Allocation size: 100. Mapping size: 120."
    let span = pool.span(ofBounce: 0, at: PhysAddr(start + 40), size: 80)
    #expect(span.original == PhysAddr(0x4000_0028))
    #expect(span.bounce == PhysAddr(start + 40))
    #expect(span.count == 60)
    #expect(span.overflowingSize == 120)
    let inside = pool.span(ofBounce: 0, at: PhysAddr(start), size: 100)
    #expect(inside.count == 100)
    #expect(inside.overflowingSize == nil)
  }

  @Test func releaseFreesTheSlotsAndForgetsTheBounce() throws {
    var pool = SwiotlbPool(start: start, slotCount: 128)
    _ = try pool.mapBounce(device: "uart0", original: PhysAddr(0x4000_0000), size: 2048).get()
    _ = try pool.mapBounce(device: "uart0", original: PhysAddr(0x4000_1000), size: 2048).get()
    let released = pool.releaseBounce(at: 0)
    #expect(released?.original == PhysAddr(0x4000_0000))
    #expect(pool.bounces.map(\.original) == [PhysAddr(0x4000_1000)])
    #expect(pool.usedSlots == 1)
    // swiotlb_release_slots merges the freed slot with the free run after the live one.
    #expect(pool.slots[0].list == 1)
  }

  @Test func aFullPoolFailsWithTheKernelsWarning() {
    var pool = SwiotlbPool(start: start, slotCount: 128)
    let outcome = pool.mapBounce(
      device: "uart0", original: PhysAddr(0x4000_0000), size: 128 * 2048 + 1)
    guard case .failure(let full) = outcome else {
      Issue.record("a mapping larger than a segment cannot fit")
      return
    }
    #expect(full.message.hasPrefix("swiotlb buffer is full"))
    #expect(pool.bounces.isEmpty)
  }
}
