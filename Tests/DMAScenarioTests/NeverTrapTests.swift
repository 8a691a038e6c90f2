import DMAScenario
import DMASim
import Testing

/// Issue 23's traps, each with the exact input quoted there: every one compiles (the checker
/// accepts it), runs to its end, and shows the kernel's answer instead of an arithmetic trap.
@Suite struct NeverTrapTests {
  /// Device trees the cases boot (`board "name.dts"`).
  static let trees: [String: String] = [
    // A device whose `reg` size is almost 2^63, above DRAM: ioremapping it would run past the vmalloc area.
    "huge-reg.dts": """
    /dts-v1/;
    / {
      #address-cells = <2>; #size-cells = <2>; model = "huge reg";
      memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x40000000>; };
      dmac: dma-controller@9000000 { compatible = "arm,pl330"; reg = <0x0 0x9000000 0x0 0x1000>;
        #dma-cells = <1>; };
      serial@100000000 { compatible = "arm,pl011"; reg = <0x1 0x0 0x7fffffff 0x0>;
        dmas = <&dmac 2>, <&dmac 3>; dma-names = "tx", "rx"; };
    };
    """,
    // The arm64-cma-soc memory node read with a root #address-cells of 1: one bank of 2^62
    // bytes at 0, more than the 48-bit physical space and the 128 TiB linear map.
    "one-cell.dts": """
    /dts-v1/;
    / {
      #address-cells = <1>; #size-cells = <2>; model = "one address cell";
      memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x80000000>; };
    };
    """,
  ]

  struct Missing: Error {}

  static let boards = BoardResolver { path in
    guard let text = trees[path] else { throw Missing() }
    return Array(text.utf8)
  }

  /// Compiles `source`, runs it to the end (at most `limit` events) and returns the machine
  /// and every log message it wrote.
  func run(_ source: String, limit: Int = 200_000) throws -> (Machine, [String]) {
    let result = ScenarioCompiler.compile(source, fileName: "t.dms", boards: Self.boards)
    #expect(
      result.diagnostics.filter { $0.severity == .error }.isEmpty,
      "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    var messages = machine.log.entries.map(\.message)
    var seen = machine.log.count
    var steps = 0
    while steps < limit, machine.step() {
      steps += 1
      let added = machine.log.count - seen
      messages += machine.log.suffix(added).map(\.message)
      seen = machine.log.count
    }
    #expect(machine.isFinished, "still running after \(limit) events")
    return (machine, messages)
  }

  @Test func nicReceiveRingAtAFailedMappingHandle() throws {
    let (_, messages) = try run(
      """
      board soc
      b = stack_buffer(64, vmap_stack=1)
      h = dma_map_single(eth0, b, 64, DMA_TO_DEVICE)
      writel(eth0, ETH_RX_RING_BASE, h)
      device_receive(eth0, "")
      """)
    // The ring base is DMA_MAPPING_ERROR: the entry reads as zeros (OWN clear), so the frame
    // waits for a buffer.
    #expect(messages.contains { $0.contains("RX entry 0 at 0xffffffffffffffff") })
    #expect(messages.contains { $0.contains("OWN clear: no buffer, the frame waits") })
  }

  @Test func nicTransmitRingAtAFailedMappingHandleWithADoorbell() throws {
    let (_, messages) = try run(
      """
      board soc
      b = stack_buffer(64, vmap_stack=1)
      h = dma_map_single(eth0, b, 64, DMA_TO_DEVICE)
      writel(eth0, ETH_TX_RING_BASE, h)
      writel(eth0, ETH_TX_DOORBELL, 1)
      """)
    #expect(messages.contains { $0.contains("OWN clear: TX stops until the next doorbell") })
  }

  @Test func cmaReleaseOfMorePagesThanCmaAllocGave() throws {
    let (machine, messages) = try run(
      """
      board soc8g
      p = cma_alloc(4, 0)
      cma_release(p, 8)
      expect cma_used() == 0
      """)
    // mm/page_alloc.c free_contig_range: the four pages that were free are "still in use".
    #expect(messages.contains { $0.contains("free_contig_range: 4 pages are still in use!") })
    #expect(machine.allocators.cmaAreas[0].used == 0)
    #expect(machine.expectationResults.map(\.passed) == [true])
    #expect(machine.invariantViolations().isEmpty)
  }

  @Test func dmaFreeCoherentWithAFailedMappingHandleBehindAnIOMMU() throws {
    let (_, messages) = try run(
      """
      board soc_iommu
      a = dma_alloc_coherent(spi1, 4096, ha, GFP_KERNEL)
      s = stack_buffer(64, vmap_stack=1)
      h = dma_map_single(spi1, s, 64, DMA_TO_DEVICE)
      dma_free_coherent(spi1, 4096, a, h)
      """)
    // drivers/iommu/io-pgtable-arm.c arm_lpae_unmap_pages: an IOVA past the input address
    // space is WARN_ON(iaext) and unmaps nothing; drivers/iommu/dma-iommu.c __iommu_dma_unmap
    // then warns that fewer bytes were unmapped than asked.
    #expect(messages.contains { $0.contains("WARN_ON(iaext)") })
  }

  @Test func dmaFreeCoherentWithAnotherBuffersAddressAndHandle() throws {
    let (machine, _) = try run(
      """
      board soc_iommu
      a = dma_alloc_coherent(spi1, 4096, ha, GFP_KERNEL)
      b = dma_alloc_coherent(spi1, 65536, hb, GFP_KERNEL)
      dma_free_coherent(spi1, 65536, a, hb)
      dma_free_coherent(spi1, 4096, b, ha)
      dma_free_coherent(spi1, 65536, b, hb)
      """)
    #expect(machine.invariantViolations().isEmpty)
  }

  @Test func deviceWithAHugeRegIsNotIoremapped() throws {
    let (_, messages) = try run(
      """
      board "huge-reg.dts"
      p = kmalloc(64, GFP_KERNEL)
      """)
    // mm/ioremap.c generic_ioremap_prot: get_vm_area_caller finds no room, so ioremap returns
    // NULL and nothing is mapped.
    #expect(
      messages.contains {
        $0
          == "ioremap(0x100000000, 0x7fffffff00000000) = NULL: serial@100000000's registers do not fit "
          + "in the vmalloc area"
      })
  }

  @Test func rootWithOneAddressCellThenKmalloc() throws {
    let (machine, _) = try run(
      """
      board "one-cell.dts"
      p = kmalloc(64, GFP_KERNEL)
      """)
    // arch/arm64/mm/init.c arm64_memblock_init: memory above PHYS_MASK_SHIFT and past the linear map goes (the
    // warning is in `dmascope boot`'s log, checked by Tests/reliability/check.sh).
    #expect(machine.board.dram.map(\.end) == [1 << 47])
  }

  @Test func historyOfASixteenMegabyteCacheStaysWithinItsByteBudget() throws {
    let result = ScenarioCompiler.compile(
      "board minimal\ncache size=16M\nbuf = kmalloc(64, GFP_KERNEL)\n", fileName: "t.dms")
    let scenario = try #require(result.scenario)
    let machine = Machine(board: scenario.board, program: scenario.program)
    let history = History(initial: machine)
    #expect(history.capacity * History.checkpointBytes(machine) <= History.defaultByteBudget)
    #expect(history.capacity >= 2)
    // A small cache keeps the full 512 checkpoints.
    let small = Machine(board: .minimal, program: Program(title: "empty", actions: []))
    #expect(History(initial: small).capacity == 512)
  }
}
