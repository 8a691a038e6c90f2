import DMAScenario
import DMASim
import Testing

/// `kernel` and `config`: the release and Kconfig values device-tree boards boot with.
@Suite struct KernelDirectiveTests {
  func compile(_ source: String) -> CompileResult {
    ScenarioCompiler.compile(source, fileName: "lessons/t.dms", boards: .builtIn)
  }

  @Test func kernel61SetsUpNoSwiotlbWhenAllMemoryIsDMAable() throws {
    // arch/arm64/mm/init.c (6.1) mem_init: swiotlb only for memory above ZONE_DMA; 6.12 sets
    // up a small pool for kmalloc bouncing (CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC).
    let newest = try #require(compile("board arm64-cma-soc\n").scenario)
    #expect(newest.board.swiotlb != nil)
    for source in ["kernel 6.1\nboard arm64-cma-soc\n", "board arm64-cma-soc\nkernel 6.1\n"] {
      let old = try #require(compile(source).scenario)
      #expect(old.board.swiotlb == nil)
    }
    let quoted = try #require(compile("board arm64-cma-soc\nkernel \"6.12\"\n").scenario)
    #expect(quoted.board.swiotlb == newest.board.swiotlb)
  }

  /// arch/arm64/mm/dma-mapping.c `arch_dma_prep_coherent`: `dcache_clean_inval_poc` in 6.1,
  /// `dcache_clean_poc` since v6.4 (7bd6680b47fa); Debian's 6.1 and 6.12 Images branch to
  /// exactly those (Tests/realkernel/arch-maintenance.sh disassembles them).
  @Test func prepCoherentCleansAndInvalidatesIn61AndOnlyCleansIn612() throws {
    func routines(_ prefix: String, board: String) throws -> Set<String> {
      let scenario = try #require(
        compile(prefix + "board \(board)\nr = dma_alloc_coherent(spi0, 4096, h, GFP_KERNEL)\n")
          .scenario)
      var machine = Machine(board: scenario.board, program: scenario.program)
      machine.runToEnd()
      return Set(machine.log.entries.filter { $0.line == 2 || $0.line == 3 }.map(\.function))
    }
    for board in ["soc8g", "arm64-cma-soc"] {
      let old = try routines("kernel 6.1\n", board: board)
      #expect(old.contains("dc civac") && !old.contains("dc cvac"), "\(board): \(old)")
      let newest = try routines("", board: board)
      #expect(newest.contains("dc cvac") && !newest.contains("dc civac"), "\(board): \(newest)")
    }
  }

  @Test func configDebianSizesTheDefaultCMAArea() throws {
    let defaults = try #require(compile("board arm64-iommu-soc\n").scenario)
    #expect(defaults.board.cmaAreas.map(\.size) == [16 << 20])
    let debian = try #require(compile("config \"debian\"\nboard arm64-iommu-soc\n").scenario)
    #expect(debian.board.cmaAreas.map(\.size) == [64 << 20])
    let set = try #require(
      compile("board arm64-iommu-soc\nconfig \"debian,CMA_SIZE_MBYTES=32\"\nkernel 6.1\n").scenario)
    #expect(set.board.cmaAreas.map(\.size) == [32 << 20])
  }

  @Test func badReleasesAndSettingsAreErrorsWithHints() throws {
    let release = compile("board arm64-cma-soc\nkernel 7.2\n").diagnostics
    #expect(release.map(\.message) == ["`kernel` takes one release: 6.1, 6.12"])
    #expect(release.first?.location.line == 2)
    #expect(release.first?.hint == "for example `kernel 6.1`")
    let setting = compile("config \"debian,FOO=1\"\n").diagnostics
    #expect(setting.map(\.message) == ["unknown configuration option CONFIG_FOO"])
    #expect(setting.first?.location.column == 8)
    let bare = compile("config debian\n").diagnostics
    #expect(bare.map(\.message) == ["`config` takes one string"])
  }
}
