import Testing

@testable import DMASim

/// The ARM LPAE stage-1 IO page table and the IOTLB in front of it.
@Suite struct IOPageTableTests {
  /// Table pages handed out from 0x7000_0000 up.
  struct TablePages {
    var next: UInt64 = 0x7000_0000
    mutating func take() -> PhysAddr? {
      defer { next += 0x1000 }
      return PhysAddr(next)
    }
  }

  func look(_ tlb: inout IOTLB, contextBank: Int, iova: UInt64) -> IOTLB.Entry? {
    tlb.lookup(contextBank: contextBank, iova: iova)
  }

  @Test func descriptorsFollowDMAInfoToProt() {
    let page = PhysAddr(0x4200_0000)
    // DMA_TO_DEVICE, non-coherent: read-only, outer shareable, non-cacheable attribute.
    let toDevice = IOPageTable.pageDescriptor(page, .forDMA(.toDevice, coherent: false))
    #expect(toDevice == 0x4200_0ec3)
    // DMA_FROM_DEVICE: stage 1 cannot say write-only, so the page is read/write.
    let fromDevice = IOPageTable.pageDescriptor(page, .forDMA(.fromDevice, coherent: false))
    #expect(fromDevice == 0x4200_0e43)
    // A coherent device: inner shareable, cacheable attribute index 1.
    let coherent = IOPageTable.pageDescriptor(page, .forDMA(.bidirectional, coherent: true))
    #expect(coherent == 0x4200_0f47)
    #expect(IOMMUProtection.forDMA(.none, coherent: false).isEmpty)
    #expect(
      IOMMUProtection.forDMA(.bidirectional, coherent: true).kernelText
        == "IOMMU_READ|IOMMU_WRITE|IOMMU_CACHE")
  }

  @Test func mapWalksFourLevelsAndSharesTables() throws {
    var pages = TablePages()
    var table = IOPageTable(root: pages.take() ?? PhysAddr(0))
    let prot = IOMMUProtection.forDMA(.toDevice, coherent: false)
    let first = table.mapPage(iova: 0xffff_f000, physical: PhysAddr(0x4200_0000), prot: prot) {
      pages.take()
    }
    #expect(first)
    // Root plus one table per level below it.
    #expect(table.tables.map(\.level) == [0, 1, 2, 3])
    let walk = table.walk(0xffff_f000)
    #expect(walk.descriptors == [0x7000_1003, 0x7000_2003, 0x7000_3003, 0x4200_0ec3])
    #expect(!walk.writable)
    #expect(table.translate(0xffff_f123) == PhysAddr(0x4200_0123))
    // The neighbour page uses the same level-3 table; mapping twice is -EEXIST.
    let neighbour = table.mapPage(iova: 0xffff_e000, physical: PhysAddr(0x4300_0000), prot: prot) {
      pages.take()
    }
    #expect(neighbour)
    #expect(table.tables.count == 4)
    let again = table.mapPage(iova: 0xffff_f000, physical: PhysAddr(0x4400_0000), prot: prot) {
      pages.take()
    }
    #expect(!again)
    // Unmapped IOVAs stop the walk where the first invalid descriptor is.
    #expect(table.walk(0xffff_d000).faultLevel == 3)
    #expect(table.walk(0x1_0000_0000).faultLevel == 1)
    let unmapped = table.unmapPage(iova: 0xffff_f000)
    #expect(unmapped)
    #expect(table.translate(0xffff_f000) == nil)
    let unmappedTwice = table.unmapPage(iova: 0xffff_f000)
    #expect(!unmappedTwice)
    #expect(table.translate(0xffff_e008) == PhysAddr(0x4300_0008))
  }

  @Test func iotlbCountsHitsMissesEvictsAndInvalidates() {
    var tlb = IOTLB(capacity: 2)
    #expect(look(&tlb, contextBank: 0, iova: 0x1000) == nil)
    tlb.fill(
      contextBank: 0, iova: 0x1000, physicalPage: PhysAddr(0x4000_0000), writable: false,
      descriptor: 0)
    #expect(look(&tlb, contextBank: 0, iova: 0x1ff8)?.physicalPage == PhysAddr(0x4000_0000))
    // Another context bank has its own tag.
    #expect(look(&tlb, contextBank: 1, iova: 0x1000) == nil)
    tlb.fill(
      contextBank: 0, iova: 0x2000, physicalPage: PhysAddr(0x4000_1000), writable: true,
      descriptor: 0)
    // 0x1000 was used last, so 0x2000 is the victim when a third page comes in.
    #expect(look(&tlb, contextBank: 0, iova: 0x1000) != nil)
    tlb.fill(
      contextBank: 0, iova: 0x3000, physicalPage: PhysAddr(0x4000_2000), writable: true,
      descriptor: 0)
    #expect(tlb.entries.map(\.iovaPage) == [0x1000, 0x3000])
    #expect(tlb.evictions == 1)
    #expect(tlb.hits == 2 && tlb.misses == 2)
    let dropped = tlb.invalidate(contextBank: 0, iova: 0x1000, size: 0x1000)
    #expect(dropped == 1)
    #expect(tlb.entries.map(\.iovaPage) == [0x3000])
    #expect(tlb.invalidations == 1)
  }
}
