import DMAModuleExport
import DMAScenario
import DMASim
import Testing

/// `export-module --trace`: dmascope's values in the module's line format.
@Suite struct ModuleTraceTests {
  func scenario(_ body: String) throws -> Scenario {
    let result = ScenarioCompiler.compile(
      "board arm64-cma-soc\n" + body, fileName: "modules/t.dms", boards: .builtIn)
    return try #require(result.scenario, "\(result.diagnostics.map(\.rendered))")
  }

  @Test func firstCMAHandleFollowsTheAtomicPools() throws {
    // kernel/dma/pool.c atomic_pool_expand takes each atomic pool from the default CMA area
    // (cma_in_zone), so the first dma_alloc_coherent from CMA lands after them.
    let loaded = try scenario("a = dma_alloc_coherent(uart0, 65536, &ha, GFP_KERNEL)\n")
    let area = try #require(loaded.board.cmaAreas.first)
    let taken = loaded.board.atomicPools.compactMap { pool in
      pool.cmaBase.map { MemoryRegion(name: pool.gfp, base: $0, size: pool.size) }
    }
    #expect(taken.count == 3)
    #expect(taken.first?.base == area.base)
    for (earlier, later) in zip(taken, taken.dropFirst()) { #expect(later.base == earlier.end) }
    let end = try #require(taken.last?.end)
    let expected = (end + 0xffff) & ~UInt64(0xffff)
    let lines = try ModuleTrace.lines(loaded)
    #expect(lines.first?.hasPrefix("dmascope: begin ") == true)
    #expect(
      lines.dropFirst().first
        == "dmascope: L2 dma_alloc_coherent ret=ok handle=0x\(String(expected, radix: 16)) "
        + "pa=0x\(String(expected, radix: 16))")
    #expect(lines.last == "dmascope: end")
  }

  @Test func buddyPagesAndSlabObjectsClaimOnlyWhatIsKnown() throws {
    let lines = try ModuleTrace.lines(
      try scenario(
        """
        p = alloc_pages(GFP_KERNEL, 0)
        h = dma_map_page(uart0, p, 256, 512, DMA_TO_DEVICE)
        k = kmalloc(100, GFP_KERNEL)
        r = dma_set_mask(uart0, 0xff)

        """))
    #expect(lines.contains("dmascope: L2 alloc_pages ret=ok pa=page+0x000"))
    #expect(lines.contains("dmascope: L4 kmalloc ret=ok pa=slab"))
    #expect(lines.contains("dmascope: L5 dma_set_mask ret=-5"))
    let map = try #require(lines.first { $0.hasPrefix("dmascope: L3 dma_map_page ") })
    #expect(map.hasSuffix(" pa=page+0x100"))
  }
}
