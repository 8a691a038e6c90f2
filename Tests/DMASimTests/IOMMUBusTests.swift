import Testing

@testable import DMASim

/// The IOMMU alone on a fake bus: `alloc_iova_fast`, `iommu_map`, the SMMU's translation
/// through the IOTLB, `__iommu_dma_unmap` and `free_iova_fast` (drivers/iommu/dma-iommu.c,
/// iova.c, io-pgtable-arm.c).
@Suite struct IOMMUBusTests {
  static let spec = IOMMUSpec(name: "smmu0", compatible: "arm,mmu-500", kernelName: "smmu")

  /// An IOMMU with one device, `spi1`, behind it.
  static func iommu() -> IOMMU {
    var device = DeviceSpec(
      name: "spi1", compatible: "test,spi", driverName: "spi", kernelName: "spi1",
      coherent: false, dmaMaskBits: 32, fifo: nil, dmas: [])
    device.iommu = spec.name
    device.streamID = 0x42
    return IOMMU(spec: spec, devices: [device])
  }

  @Test func mapTranslateUnmapAndFreeTheIOVA() throws {
    var iommu = Self.iommu()
    var bus = FakeIOMMUBus(pages: 16)
    // alloc_iova: top-down below the 32-bit limit, two pages aligned to two pages.
    let iova = try #require(
      iommu.allocIOVA(domain: 0, size: 0x2000, dmaLimit: 0xffff_ffff, bus: &bus))
    #expect(iova == 0xffff_e000)
    let prot = IOMMUProtection.forDMA(.bidirectional, coherent: false)
    #expect(
      iommu.map(
        domain: 0, iova: iova, pieces: [(PhysAddr(0x4010_0000), 0x2000)], prot: prot, bus: &bus))
    // The root and the level-1..3 tables came from the bus's page allocator.
    #expect(bus.tablePages.allocatedCount == 4)
    #expect(iommu.domains[0].mappedPages == 2)
    #expect(bus.logged.contains { $0.hasPrefix("alloc_io_pgtable_ops: spi1.dev:") })

    // A miss walks the table and fills the IOTLB; the same page again is a hit.
    let pieces = try #require(
      iommu.translate(domain: 0, iova: iova + 0xff8, count: 0x10, write: true, bus: &bus))
    #expect(pieces.map(\.physical) == [PhysAddr(0x4010_0ff8), PhysAddr(0x4010_1000)])
    #expect(pieces.map(\.count) == [8, 8])
    #expect(iommu.iotlb.misses == 2)
    _ = iommu.translate(domain: 0, iova: iova, count: 4, write: false, bus: &bus)
    #expect(iommu.iotlb.hits == 1)

    // An IOVA nothing maps is a context fault with the device's stream ID.
    #expect(iommu.translate(domain: 0, iova: 0x1000, count: 4, write: false, bus: &bus) == nil)
    #expect(iommu.value(of: .faults) == 1)
    #expect(bus.logged.contains { $0.contains("cbfrsynra=0x42, cb=0") })

    // Unmap clears both PTEs, invalidates the IOTLB and caches the order-1 IOVA range.
    iommu.unmap(domain: 0, iova: iova, size: 0x2000, bus: &bus)
    #expect(iommu.domains[0].mappedPages == 0)
    #expect(iommu.iovaToPhys(domain: 0, iova) == nil)
    #expect(iommu.iotlb.entries.isEmpty)
    #expect(iommu.domains[0].iovad.cachedOrder(of: iova >> 12) == 1)
    #expect(bus.logged.contains { $0.hasPrefix("free_iova: free_iova_fast(pfn 0xffffe") })
    #expect(iommu.iovaViolations().isEmpty)

    // The next allocation of that order reuses the cached range.
    #expect(iommu.allocIOVA(domain: 0, size: 0x2000, dmaLimit: 0xffff_ffff, bus: &bus) == iova)
    #expect(bus.logged.last?.contains("reused from the order-1 range cache") == true)
  }

  @Test func aMapWithoutTablePagesKeepsNothing() throws {
    var iommu = Self.iommu()
    var bus = FakeIOMMUBus(pages: 2)
    let iova = try #require(
      iommu.allocIOVA(domain: 0, size: 0x1000, dmaLimit: 0xffff_ffff, bus: &bus))
    let prot = IOMMUProtection.forDMA(.toDevice, coherent: false)
    // Four table pages are needed, two exist: iommu_map unwinds and the allocator is as before.
    #expect(
      !iommu.map(
        domain: 0, iova: iova, pieces: [(PhysAddr(0x4000_0000), 0x1000)], prot: prot, bus: &bus))
    #expect(bus.tablePages.allocatedCount == 0)
    #expect(iommu.domains[0].pageTable == nil)
    #expect(iommu.domains[0].mappedPages == 0)
  }
}
