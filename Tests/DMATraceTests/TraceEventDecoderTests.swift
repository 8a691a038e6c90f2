import DMATrace
import Testing

@Suite struct TraceEventDecoderTests {
  func kind(_ line: String) throws(TraceLineParser.Problem) -> TraceEventKind? {
    guard case .record(let record) = try TraceLineParser.parse(Array(line.utf8)[...]) else {
      return nil
    }
    return try TraceEventDecoder.decode(record)
  }

  let prefix = "  kworker/0:1-12 [000] ..... 4.893005: "

  @Test func realSixTwelveLines() throws {
    // Lines of Tests/trace/fixtures/boot-blk-smmu.trace (Debian 6.12.118).
    #expect(
      try kind(
        prefix + "dma_alloc: 9050000.smmuv3 dir=BIDIRECTIONAL dma_addr=7ad00000 size=1048576 "
          + "virt_addr=0000000092c1698e flags=GFP_KERNEL attrs=")
        == .alloc(
          TraceAllocation(
            device: "9050000.smmuv3", direction: .bidirectional, dmaAddress: 0x7ad0_0000,
            size: 1_048_576, virtualPointer: "0000000092c1698e", gfpFlags: ["GFP_KERNEL"])))
    #expect(
      try kind(
        prefix + "dma_map_page: 0000:00:01.0 dir=FROM_DEVICE dma_addr=fffbe000 size=4096 "
          + "phys_addr=45125000 attrs=")
        == .map(
          TraceMapping(
            device: "0000:00:01.0", direction: .fromDevice, dmaAddress: 0xfffb_e000, size: 4096,
            physical: 0x4512_5000)))
    #expect(
      try kind(
        prefix + "map: IOMMU: iova=0x00000000fffff000 - 0x0000000100000000 "
          + "paddr=0x0000000008020000 size=4096")
        == .iommuMap(TraceIOMMURange(iova: 0xffff_f000, size: 4096, physical: 0x0802_0000)))
    #expect(
      try kind(
        prefix + "unmap: IOMMU: iova=0x00000000fff9e000 - 0x00000000fff9f000 size=4096 "
          + "unmapped_size=4096")
        == .iommuUnmap(TraceIOMMURange(iova: 0xfff9_e000, size: 4096, unmappedSize: 4096)))
    #expect(
      try kind(
        prefix + "cma_alloc_finish: name=reserved pfn=0x7ac00 page=00000000141856e6 count=32 "
          + "align=5 errorno=0")
        == .cma(
          TraceCMAEvent(
            phase: .allocFinish, area: "reserved", pfn: 0x7ac00, count: 32, align: 5,
            errorNumber: 0)))
    // Tests/trace/fixtures/swiotlb-force.trace.
    #expect(
      try kind(
        prefix + "swiotlb_bounced: dev_name: 0000:00:01.0 dma_mask=ffffffffffffffff "
          + "dev_addr=471b1000 size=4096 FORCE")
        == .swiotlbBounced(
          TraceBounce(
            device: "0000:00:01.0", dmaMask: .max, deviceAddress: 0x471b_1000, size: 4096,
            forced: true)))
    #expect(
      try kind(prefix + "remove_device_from_group: IOMMU: groupID=2 device=0000:00:03.0")
        == .iommuGroup(TraceIOMMUGroup(change: .removed, group: 2, device: "0000:00:03.0")))
  }

  @Test func scatterListFormatsOfEachRelease() throws {
    // 6.12.118 and 6.17+: `nents=N/FULL ents=N/FULL[ [TRUNCATED]]` (include/trace/events/dma.h).
    let capped = try kind(
      prefix + "dma_map_sg: 0000:00:02.0 dir=TO_DEVICE nents=2/2 ents=1/1 "
        + "dma_addrs={0xffff0000} sizes={0x2000} phys_addrs={0x46430000,0x46431000} attrs=")
    #expect(
      capped
        == .mapSG(
          TraceScatterList(
            device: "0000:00:02.0", direction: .toDevice, requestedEntries: 2, mappedEntries: 1,
            dmaAddresses: [0xffff_0000], sizes: [0x2000],
            physicalAddresses: [0x4643_0000, 0x4643_1000])))
    // 6.10's format had no counts: they come from the arrays.
    let old = try kind(
      prefix + "dma_map_sg: 0000:00:02.0 dir=TO_DEVICE dma_addrs={0xffff0000} sizes={0x2000} "
        + "phys_addrs={0x46430000,0x46431000} attrs=")
    guard case .mapSG(let list) = old else {
      Issue.record("not a map_sg")
      return
    }
    #expect(list.requestedEntries == 2)
    #expect(list.mappedEntries == 1)
    // dma_map_sg_err prints sg_phys values under the name dma_addrs.
    let failed = try kind(
      prefix + "dma_map_sg_err: 0000:00:02.0 dir=TO_DEVICE dma_addrs={0x46430000} err=-12 attrs=")
    guard case .mapSG(let err) = failed else {
      Issue.record("not a map_sg_err")
      return
    }
    #expect(err.error == -12)
    #expect(err.physicalAddresses == [0x4643_0000])
    // 6.17's dma_map_phys reads as a map.
    let phys = try kind(
      prefix + "dma_map_phys: 0000:00:01.0 dir=TO_DEVICE dma_addr=1000 size=8 phys_addr=2000 "
        + "attrs=SKIP_CPU_SYNC|MMIO")
    #expect(
      phys
        == .map(
          TraceMapping(
            device: "0000:00:01.0", direction: .toDevice, dmaAddress: 0x1000, size: 8,
            physical: 0x2000, attributes: ["SKIP_CPU_SYNC", "MMIO"])))
  }

  @Test func sixTenAllocationsPrintPhysAddr() throws {
    // 6.10's TP_printk: "%s dma_addr=%llx size=%zu phys_addr=%llx flags=%s attrs=%s" (no dir=,
    // phys_addr until "dma-mapping: Fix tracing dma_alloc/free with vmalloc'd memory").
    #expect(
      try kind(
        prefix + "dma_alloc: 0000:00:01.0 dma_addr=ffffe000 size=3398 phys_addr=44ecb000 "
          + "flags=GFP_KERNEL|__GFP_ZERO attrs=")
        == .alloc(
          TraceAllocation(
            device: "0000:00:01.0", direction: nil, dmaAddress: 0xffff_e000, size: 3398,
            virtualPointer: "", physical: 0x44ec_b000, gfpFlags: ["GFP_KERNEL", "__GFP_ZERO"])))
    #expect(
      try kind(
        prefix + "dma_free: 0000:00:01.0 dma_addr=ffffe000 size=3398 phys_addr=44ecb000 attrs=")
        == .free(
          TraceAllocation(
            device: "0000:00:01.0", direction: nil, dmaAddress: 0xffff_e000, size: 3398,
            virtualPointer: "", physical: 0x44ec_b000)))
  }

  @Test func badFieldsNameTheFieldAndColumn() {
    do {
      _ = try kind(prefix + "dma_map_page: 0000:00:01.0 dir=SIDEWAYS dma_addr=1 size=1 phys_addr=1")
      Issue.record("a bad direction was read")
    } catch {
      #expect(
        error.message == "dma_map_page: dir=SIDEWAYS is not BIDIRECTIONAL, TO_DEVICE, "
          + "FROM_DEVICE or NONE")
      #expect(error.column == prefix.count + 28)
    }
    do {
      _ = try kind(prefix + "dma_unmap_page: 0000:00:01.0 dir=TO_DEVICE dma_addr=xyz size=1")
      Issue.record("a bad address was read")
    } catch {
      #expect(error.message == "dma_unmap_page: dma_addr=xyz is not a hexadecimal number")
    }
    do {
      _ = try kind(prefix + "dma_unmap_page: 0000:00:01.0 dir=TO_DEVICE dma_addr=1")
      Issue.record("a missing size was read")
    } catch {
      #expect(error.message == "dma_unmap_page: no `size=` field")
    }
  }
}
