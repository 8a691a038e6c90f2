import DMAScenario
import DMASim
import Testing

/// `dev->dma_parms` (include/linux/dma-mapping.h `dma_set_max_seg_size`,
/// `dma_set_seg_boundary`, `dma_set_min_align_mask` and their getters) and what reads them:
/// dma-debug's `check_sg_segment` (kernel/dma/debug.c), `__finalise_sg` in
/// drivers/iommu/dma-iommu.c and `swiotlb_tbl_map_single`/`swiotlb_align_offset` in
/// kernel/dma/swiotlb.c.
@Suite struct DMAParmsTests {
  func run(_ source: String, file: String = "parms.dms") throws -> Machine {
    let machine = try ScenarioRunSupport.run(source, fileName: file, limit: 200_000)
    #expect(machine.isFinished)
    let failed = machine.expectationResults.filter { !$0.passed }
    #expect(failed.isEmpty, "\(failed)")
    return machine
  }

  func reports(_ machine: Machine) -> [String] {
    machine.log.entries.filter { $0.source == .debug }.map(\.message)
  }

  /// `dma_get_max_seg_size` is `SZ_64K` without a set value, then the set value;
  /// `dma_get_seg_boundary` is `ULONG_MAX`, then the set mask; `dma_get_min_align_mask` is 0,
  /// then the set mask (include/linux/dma-mapping.h).
  @Test func gettersGiveTheDefaultsThenTheSetValues() throws {
    let machine = try run(
      """
      board minimal
      a = dma_get_max_seg_size(spi0)
      expect a == 65536
      m = dma_get_min_align_mask(spi0)
      expect m == 0
      dma_set_max_seg_size(spi0, 1M)
      dma_set_min_align_mask(spi0, 0xfff)
      b = dma_get_max_seg_size(spi0)
      expect b == 1048576
      n = dma_get_min_align_mask(spi0)
      expect n == 0xfff
      s = dma_get_seg_boundary(spi0)
      expect s == -1
      r = dma_set_seg_boundary(spi0, 0xffff)
      expect r == 0
      t = dma_get_seg_boundary(spi0)
      expect t == 0xffff
      """)
    #expect(machine.dma.dmaMasks.contains { $0.parms.segmentBoundaryMask == 0xffff })
    // An integer in `expect` is 64-bit signed, so ULONG_MAX reads back as -1; the log line
    // prints the unsigned long.
    let boundaries = machine.log.entries.filter { $0.function == "dma_get_seg_boundary" }
    #expect(
      boundaries.map(\.message) == [
        "dma_get_seg_boundary(9060000.spi) = 0xffffffffffffffff",
        "dma_get_seg_boundary(9060000.spi) = 0xffff",
      ])
  }

  /// check_sg_segment: `sg->length > dma_get_max_seg_size(dev)` is reported with the kernel's
  /// text; the same map after `dma_set_max_seg_size(dev, SZ_1M)` is silent.
  @Test func aSegmentLongerThanTheMaximumIsReportedUntilTheDriverRaisesIt() throws {
    let body = """
      buf = kmalloc(128K, GFP_KERNEL)
      sg = sg_init_table(1)
      sg_set_buf(sg, 0, buf, 128K)
      n = dma_map_sg(spi0, sg, 1, DMA_TO_DEVICE)
      expect n == 1
      dma_unmap_sg(spi0, sg, 1, DMA_TO_DEVICE)
      """
    let wrong = try run("board minimal\n" + body)
    #expect(
      reports(wrong) == [
        "DMA-API: ssp-pl022 9060000.spi: mapping sg segment longer than device claims to support [len=131072] [max=65536]"
      ])
    let right = try run("board minimal\ndma_set_max_seg_size(spi0, 1M)\n" + body)
    #expect(reports(right).isEmpty)
  }

  /// check_sg_segment: `(start ^ end) & ~boundary` of a direct-mapped entry that crosses a
  /// 4 KiB boundary once the driver set one.
  @Test func aSegmentAcrossTheBoundaryIsReported() throws {
    let machine = try run(
      """
      board minimal
      r = dma_set_seg_boundary(spi0, 0xfff)
      buf = kmalloc(8192, GFP_KERNEL)
      sg = sg_init_table(1)
      sg_set_buf(sg, 0, buf, 8192)
      n = dma_map_sg(spi0, sg, 1, DMA_TO_DEVICE)
      dma_unmap_sg(spi0, sg, 1, DMA_TO_DEVICE)
      """)
    guard case .pointer(let buf) = machine.cpu.variables["buf"],
      let physical = machine.memory.pageTable.translate(buf)?.physical.rawValue
    else {
      Issue.record("buf not mapped")
      return
    }
    let start = Hex.format(physical, digits: 16)
    let end = Hex.format(physical + 8191, digits: 16)
    #expect(
      reports(machine) == [
        "DMA-API: ssp-pl022 9060000.spi: mapping sg segment across boundary [start=0x\(start)] [end=0x\(end)] "
          + "[boundary=0x0000000000000fff]"
      ])
  }

  /// The iommu-scatter-gather lesson's two pieces (1024 bytes ending a page, 32 starting the
  /// next) merge into one IOVA segment; `__finalise_sg` merges only while
  /// `max_len - cur_len >= s_length` and while `dma_addr & seg_mask` is not 0, so a 1 KiB
  /// maximum or a 4 KiB boundary keeps them two.
  @Test(arguments: [
    "", "dma_set_max_seg_size(spi1, 1024)", "r = dma_set_seg_boundary(spi1, 0xfff)",
  ])
  func iommuMergingFollowsTheParameters(_ setting: String) throws {
    let expected = setting.isEmpty ? 1 : 2
    let machine = try run(
      """
      board soc_iommu
      \(setting)
      spare0 = kmalloc(1024, GFP_KERNEL)
      spare1 = kmalloc(1024, GFP_KERNEL)
      spare2 = kmalloc(1024, GFP_KERNEL)
      tail = kmalloc(1024, GFP_KERNEL)
      gap = kmalloc(4096, GFP_KERNEL)
      head = kmalloc(4096, GFP_KERNEL)
      sg = sg_init_table(2)
      sg_set_buf(sg, 0, tail, 1024)
      sg_set_buf(sg, 1, head, 32)
      m = dma_map_sg(spi1, sg, 2, DMA_TO_DEVICE)
      expect m == \(expected)
      dma_unmap_sg(spi1, sg, 2, DMA_TO_DEVICE)
      """)
    #expect(reports(machine).isEmpty)
  }

  /// swiotlb_align_offset: with `min_align_mask` 0xfff the bounce address keeps the original's
  /// low 12 bits (the slot index keeps bit 11, the offset in the slot the rest); without it
  /// the bounce starts a 2 KiB slot.
  @Test(arguments: [false, true])
  func swiotlbKeepsTheBitsUnderTheMinimumAlignMask(_ masked: Bool) throws {
    var machine = try BoardMachineSupport.machine(
      """
      board "limited.dts"
      \(masked ? "dma_set_min_align_mask(uart0, 0xfff)" : "")
      first = kmalloc(256, GFP_KERNEL)
      buf = kmalloc(256, GFP_KERNEL)
      cpu_write(buf, 0, "second object...")
      h = dma_map_single(uart0, buf, 256, DMA_TO_DEVICE)
      """)
    machine.runToEnd()
    let bounce = try #require(machine.dma.bounces.first)
    #expect(bounce.original.rawValue & 0xfff != 0)
    if masked {
      #expect(bounce.bounce.rawValue & 0xfff == bounce.original.rawValue & 0xfff)
    } else {
      #expect(bounce.bounce.rawValue & 0x7ff == 0)
    }
    #expect(machine.memory.ram.read(bounce.bounce, count: 16) == Array("second object...".utf8))
  }

  /// Values the kernel's `unsigned int` parameters cannot hold are refused with their column.
  @Test func anOversizedSegmentSizeIsRefused() {
    let result = ScenarioCompiler.compile(
      "board minimal\ndma_set_max_seg_size(spi0, 0x100000000)\n", fileName: "bad.dms")
    #expect(result.scenario == nil)
    let rendered = result.diagnostics.first?.rendered ?? ""
    #expect(rendered.contains("bad.dms:2:28"), "\(rendered)")
  }
}
