import DMAScenario
import DMASim
import Testing

/// `DMA_NONE` in a streaming call: kernel/dma/mapping.c `dma_map_page_attrs`,
/// `dma_unmap_page_attrs`, `__dma_map_sg_attrs` and `__dma_sync_single_for_cpu` start with
/// `BUG_ON(!valid_dma_direction(dir))` (include/linux/dma-direction.h); on arm64 the BUG is
/// `brk #0x800` and `die()` kills the task. The scenario stops with a failed check, the machine
/// does not trap.
@Suite struct InvalidDirectionTests {
  func run(_ body: String) throws -> Machine {
    try ScenarioRunSupport.run("board minimal\n" + body, fileName: "none.dms", limit: 100_000)
  }

  func bugLines(_ machine: Machine) -> [String] {
    machine.log.entries.filter { $0.function == "BUG" }.map(\.message)
  }

  @Test func mapSingleWithDMANoneIsAKernelBUGAndStopsTheDriver() throws {
    let machine = try run(
      """
      buf = kmalloc(64, GFP_KERNEL)
      h = dma_map_single(spi0, buf, 64, DMA_NONE)
      kfree(buf)
      """)
    #expect(
      bugLines(machine) == [
        "------------[ cut here ]------------",
        "kernel BUG at kernel/dma/mapping.c: dma_map_page_attrs",
        "Internal error: Oops - BUG: 00000000f2000800 [#1] SMP",
      ])
    #expect(machine.isFinished)
    #expect(machine.dma.mappings.isEmpty)
    // The kfree after the BUG never ran: the task died.
    #expect(!machine.log.entries.contains { $0.function == "kfree" })
    let result = try #require(machine.expectationResults.first)
    #expect(!result.passed && result.kind == .kernelBUG && result.line == 3)
  }

  @Test(arguments: [
    (
      "h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)\ndma_unmap_single(spi0, h, 64, DMA_NONE)",
      "dma_unmap_page_attrs"
    ),
    (
      "h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)\ndma_sync_single_for_cpu(spi0, h, 64, DMA_NONE)",
      "__dma_sync_single_for_cpu"
    ),
    (
      "sg = sg_init_table(1)\nsg_set_buf(sg, 0, buf, 64)\nn = dma_map_sg(spi0, sg, 1, DMA_NONE)",
      "__dma_map_sg_attrs"
    ),
  ])
  func everyStreamingCallChecksTheDirection(_ calls: String, _ function: String) throws {
    let machine = try run("buf = kmalloc(64, GFP_KERNEL)\n" + calls)
    #expect(bugLines(machine).contains("kernel BUG at kernel/dma/mapping.c: \(function)"))
    #expect(machine.expectationResults.contains { $0.kind == .kernelBUG })
  }

  @Test func validDirectionsRunOn() throws {
    let machine = try run(
      """
      buf = kmalloc(64, GFP_KERNEL)
      h = dma_map_single(spi0, buf, 64, DMA_BIDIRECTIONAL)
      dma_unmap_single(spi0, h, 64, DMA_BIDIRECTIONAL)
      kfree(buf)
      """)
    #expect(bugLines(machine).isEmpty)
    #expect(machine.expectationResults.isEmpty)
  }
}
