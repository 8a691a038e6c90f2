import DMAScenario
import DMASim
import Testing

/// The calls the lesson library added: `device_release_driver`, `dmatest_run`,
/// `alloc_pages(GFP_HIGHUSER_MOVABLE, …)` with the CMA balance rule, the pins, and the
/// counters `swiotlb_used()`, `cma_lent()`, `cma_pinned()`, `cma_migrated()`.
@Suite struct LessonCallsTests {
  func run(_ source: String) throws -> Machine {
    let machine = try ScenarioRunSupport.run(source, fileName: "lesson-calls.dms", limit: 200_000)
    #expect(machine.expectationResults.allSatisfy { $0.passed })
    return machine
  }

  @Test func releasingADriverWithLiveMappingsIsReportedWithTheirCount() throws {
    let machine = try run(
      """
      board minimal
      a = kmalloc(64, GFP_KERNEL)
      b = kmalloc(64, GFP_KERNEL)
      ha = dma_map_single(spi0, a, 64, DMA_TO_DEVICE)
      hb = dma_map_single(spi0, b, 64, DMA_TO_DEVICE)
      device_release_driver(spi0)
      expect mappings() == 2
      expect dma_debug_errors() == 1
      """)
    let reports = machine.log.entries.filter { $0.source == .debug }.map(\.message)
    #expect(
      reports.contains {
        $0.contains("pending DMA allocations while released from device [count=2]")
      }, "\(reports)")
  }

  @Test func aDriverWithoutMappingsUnbindsSilently() throws {
    let machine = try run(
      """
      board minimal
      device_release_driver(spi0)
      expect dma_debug_errors() == 0
      """)
    #expect(machine.expectationResults.count == 1)
  }

  @Test func dmatestPassesAndCountsInjectedFailures() throws {
    let machine = try run(
      """
      board soc
      ok = dmatest_run(iterations=4, test_buf_size=64, max_channels=1)
      expect ok == 0
      bad = dmatest_run(iterations=2, test_buf_size=64, max_channels=1, inject_stale_cache=1)
      expect bad == 2
      """)
    let lines = machine.log.entries.filter { $0.function == "dmatest" }.map(\.message)
    #expect(
      lines.contains { $0.hasPrefix("dmatest: dma0chan4-copy0: summary 4 tests, 0 failures") })
    #expect(
      lines.contains { $0.hasPrefix("dmatest: dma0chan4-copy0: summary 2 tests, 2 failures") })
    #expect(lines.contains { $0.contains("'data error'") })
  }

  @Test func dmatestRefusesATransferSizeNotBelowTheBuffer() {
    let result = ScenarioCompiler.compile(
      "board soc\nr = dmatest_run(test_buf_size=64, transfer_size=64)\n", fileName: "t.dms")
    #expect(
      result.diagnostics.map(\.message) == [
        "64-byte transfer size must be lower than 64-buffer size"
      ])
  }

  @Test func movablePagesBorrowCMAOnlyWhenMoreThanHalfOfFreeMemoryIsCMA() throws {
    // soc8g: 1 GiB of CMA against 2 GiB of ordinary pages, so the movable lists serve.
    let large = try run(
      """
      board soc8g
      p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)
      expect cma_lent() == 0
      """)
    #expect(large.allocators.cmaAreas[0].borrowed.isEmpty)
    // mem=128M with a 64 MiB area: CMA is more than half of what is free.
    let small = try run(
      """
      board arm64-cma-soc
      cmdline "mem=128M"
      p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)
      q = alloc_pages(GFP_HIGHUSER_MOVABLE, 1)
      expect cma_lent() == 3
      """)
    let area = try #require(small.allocators.cmaAreas.first)
    // The highest 4 MiB block is split first, lowest pages first; the order-1 block is
    // aligned to two pages.
    let top = (area.basePFN + area.count - 1) / 1024 * 1024
    #expect(area.borrowed.sorted() == [top, top + 2, top + 3])
  }

  @Test func aPinnedPageMakesCMAAllocRetryAndMigrationKeepsTheData() throws {
    // The atomic pools took the area's first 96 pages at boot (kernel/dma/pool.c
    // atomic_pool_expand): fb fills from there up to the lent page at 60 MiB.
    let machine = try run(
      """
      board arm64-cma-soc
      cmdline "mem=128M"
      p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)
      v = page_address(p)
      cpu_write(v, 0, "movable")
      fb = cma_alloc(15264, 5)
      pin_user_pages(p)
      a = cma_alloc(1, 0)
      expect cma_migrated() == 0
      expect cma_pinned() == 1
      unpin_user_page(p)
      expect cma_pinned() == 0
      cma_release(a, 1)
      b = cma_alloc(1, 0)
      expect cma_migrated() == 1
      expect cpu_view(v, 0, 7) == "movable"
      """)
    #expect(machine.log.entries.contains { $0.message.hasSuffix("PFNs busy") })
    #expect(machine.log.entries.contains { $0.function == "migrate_pages" })
    #expect(machine.expectationResults.count == 5)
  }

  @Test func everyCounterIsAnExpectFunction() {
    for counter in MachineCounter.allCases {
      let result = ScenarioCompiler.compile(
        "board arm64-cma-soc\nexpect \(counter.rawValue)() == 0\n", fileName: "t.dms")
      #expect(
        result.diagnostics.isEmpty, "\(counter.rawValue): \(result.diagnostics.map(\.rendered))")
    }
  }

  @Test func pointerPlusOffsetReachesAFieldInsideAStruct() throws {
    let machine = try run(
      """
      board minimal
      s = kmalloc(128, GFP_KERNEL)
      h = dma_map_single(spi0, s + 64, 64, DMA_TO_DEVICE)
      e = dma_mapping_error(spi0, h)
      dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
      expect dma_debug_errors() == 0
      """)
    let map = machine.log.entries.first { $0.message.hasPrefix("dma_map_page:") }
    #expect(map?.message.contains("size=64") == true)
  }

  @Test func eachImporterGetsItsOwnMappingOfTheSamePages() throws {
    let machine = try run(
      """
      board soc_iommu
      buf = dma_buf_export(8K)
      a0 = dma_buf_attach(buf, spi0)
      a1 = dma_buf_attach(buf, spi1)
      s0 = dma_buf_map_attachment(a0, DMA_TO_DEVICE)
      s1 = dma_buf_map_attachment(a1, DMA_TO_DEVICE)
      expect dma_debug_errors() == 0
      """)
    let buffer = try #require(machine.dma.dmaBufs.first)
    let tables = buffer.attachments.compactMap { attachment in
      machine.dma.scatterLists.first { $0.id == attachment.table }
    }
    #expect(tables.count == 2)
    // dma-direct: one segment per page at its physical address.
    #expect(tables[0].mappedCount == 2)
    #expect(tables[0].entries.map(\.dmaAddress?.rawValue) == buffer.pages.map { $0.rawValue })
    // Through the SMMU: both pages in one IOVA segment.
    #expect(tables[1].mappedCount == 1)
    #expect(tables[1].entries[0].dmaLength == 8192)
  }

  @Test func endCPUAccessCleansForEveryMappedImporterAndDetachUnmapsALeftover() throws {
    let machine = try run(
      """
      board soc_iommu
      buf = dma_buf_export(4K)
      p = dma_buf_vmap(buf)
      a0 = dma_buf_attach(buf, spi0)
      s0 = dma_buf_map_attachment(a0, DMA_TO_DEVICE)
      dma_buf_begin_cpu_access(buf, DMA_TO_DEVICE)
      cpu_write(p, 0, "shared")
      expect dirty_lines(p, 64) == 1
      dma_buf_end_cpu_access(buf, DMA_TO_DEVICE)
      expect dirty_lines(p, 64) == 0
      expect ram(p, 0, 6) == "shared"
      dma_buf_detach(buf, a0)
      expect dma_debug_errors() == 0
      """)
    #expect(machine.expectationResults.count == 4)
    #expect(
      machine.log.entries.contains {
        $0.source == .debug && $0.message.contains("detached while still mapped")
      })
    #expect(machine.dma.dmaBufs.first?.attachments.isEmpty == true)
  }
}
