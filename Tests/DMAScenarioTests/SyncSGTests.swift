import DMAScenario
import DMASim
import Testing

/// `dma_sync_sg_for_cpu` / `dma_sync_sg_for_device`: per-entry maintenance as dma-direct does
/// it, and dma-debug's sync checks per mapped segment.
@Suite struct SyncSGTests {
  static let prologue = """
    board minimal
    a = kmalloc(256, GFP_KERNEL)
    b = kmalloc(256, GFP_KERNEL)
    sg = sg_init_table(2)
    sg_set_buf(sg, 0, a, 256)
    sg_set_buf(sg, 1, b, 256)
    n = dma_map_sg(spi0, sg, 2, DMA_TO_DEVICE)
    expect n == 2
    """

  func run(_ source: String) throws -> Machine {
    try ScenarioRunSupport.run(source, fileName: "sync-sg.dms", limit: 100_000)
  }

  @Test func syncForDeviceCleansEveryEntryTheCPURewrote() throws {
    let machine = try run(
      Self.prologue + """

        dma_sync_sg_for_cpu(spi0, sg, 2, DMA_TO_DEVICE)
        cpu_write(a, 0, "first entry")
        cpu_write(b, 0, "second entry")
        expect dirty_lines(a, 256) == 1
        expect dirty_lines(b, 256) == 1
        dma_sync_sg_for_device(spi0, sg, 2, DMA_TO_DEVICE)
        expect dirty_lines(a, 256) == 0
        expect dirty_lines(b, 256) == 0
        expect ram(b, 0, 6) == "second"
        expect dma_debug_errors() == 0
        dma_unmap_sg(spi0, sg, 2, DMA_TO_DEVICE)
        """)
    #expect(machine.expectationResults.count == 7)
    #expect(machine.expectationResults.allSatisfy { $0.passed })
    #expect(machine.log.entries.contains { $0.function == "dma_sync_sg_for_device" })
  }

  @Test func aSyncWithAnotherDirectionIsReportedByDMADebug() throws {
    let machine = try run(
      Self.prologue + """

        dma_sync_sg_for_cpu(spi0, sg, 2, DMA_FROM_DEVICE)
        dma_unmap_sg(spi0, sg, 2, DMA_TO_DEVICE)
        """)
    let reports = machine.log.entries.filter { $0.source == .debug }.map(\.message)
    #expect(reports.contains { $0.contains("different direction") }, "\(reports)")
  }
}
