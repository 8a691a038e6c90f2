import DMAScenario
import DMASim
import Testing

/// `cache` and `device` statements change the board the machine boots, and point at the bad
/// argument when they are wrong.
@Suite struct BoardOverrideTests {
  func compile(_ source: String) -> CompileResult {
    ScenarioCompiler.compile(source, fileName: "t.dms")
  }

  @Test func cacheGeometryReachesTheMachine() throws {
    let scenario = try #require(
      compile(
        """
        board soc
        cache size=16K ways=2 line=32 policy=writethrough write_allocate=off replacement=lru
        """
      ).scenario)
    let geometry = scenario.board.cache
    #expect(geometry.size == 16 * 1024 && geometry.ways == 2 && geometry.lineSize == 32)
    #expect(geometry.writePolicy == .writeThrough && !geometry.allocateOnWrite)
    let machine = Machine(board: scenario.board, program: scenario.program)
    #expect(machine.memory.cache.geometry.sets == 256)
    #expect(
      machine.log.entries.contains {
        $0.message.contains("16 KiB, 2-way, 256 sets, 32-byte lines, write-through")
      })
  }

  @Test func deviceOverridesReachTheMachine() throws {
    let scenario = try #require(
      compile(
        """
        board soc
        device spi0 coherent mask=32 coherent_mask=30
        device uart0 absent
        """
      ).scenario)
    let spi = try #require(scenario.board.device(named: "spi0"))
    #expect(spi.coherent && spi.dmaMaskBits == 32 && spi.coherentMaskBits == 30)
    #expect(scenario.board.device(named: "uart0") == nil)
    let machine = Machine(board: scenario.board, program: scenario.program)
    #expect(
      machine.log.entries.contains {
        $0.message.contains("ssp-pl022") && $0.message.hasSuffix("dma-coherent")
      })
  }

  @Test func anAbsentDeviceCannotBeUsed() {
    let diagnostics = compile(
      """
      board soc
      device uart0 absent
      u = dma_request_chan(uart0, "tx")
      """
    ).diagnostics
    #expect(diagnostics.map(\.location.line) == [3])
    #expect(diagnostics.first?.message.contains("no device `uart0`") == true)
  }

  @Test func overridesSurviveALaterBoardOrCommandLine() throws {
    let scenario = try #require(
      compile(
        """
        cache size=8K ways=1
        board arm64-cma-soc
        cmdline "cma=16M"
        """
      ).scenario)
    #expect(scenario.board.cache.size == 8192 && scenario.board.cache.ways == 1)
  }

  @Test func errorsPointAtTheBadArgument() {
    let lines = [
      ("cache size=33K ways=4", 12, "the number of sets must be a power of two"),
      ("cache sise=32K", 7, "has no option `sise`"),
      ("cache line=48", 12, "line size 48"),
      ("cache size=1G ways=1024 line=4096", 12, "limit of 16M"),
      ("cache replacement=fifo", 19, "not a value of `replacement`"),
      ("device spi9 coherent", 8, "no device `spi9`"),
      ("device spi0 coherant", 13, "no flag `coherant`"),
      ("device spi0 mask=65", 18, "from 1 to 64"),
      ("device spi0 absent coherent", 1, "nothing else to change"),
    ]
    for (line, column, message) in lines {
      let diagnostics = compile("board soc\n" + line).diagnostics
      #expect(diagnostics.count == 1, "\(line): \(diagnostics.map(\.rendered))")
      #expect(diagnostics.first?.location.column == column, "\(line)")
      #expect(diagnostics.first?.message.contains(message) == true, "\(line)")
      #expect(diagnostics.first?.hint != nil, "\(line)")
    }
  }

  @Test func overridesComeBeforeTheFirstCall() {
    let diagnostics = compile(
      """
      board soc
      say "narration is fine"
      buf = kmalloc(64, GFP_KERNEL)
      cache size=32K
      """
    ).diagnostics
    #expect(diagnostics.map(\.location.line) == [4])
    #expect(diagnostics.first?.message.contains("before the first call") == true)
  }

  @Test func unknownDirectivesSuggestTheNewOnes() {
    let diagnostics = compile("board soc\ncahce size=32K\n").diagnostics
    #expect(diagnostics.first?.hint == "did you mean `cache`?")
  }
}

/// Limits the checker fuzz found missing or silent.
@Suite struct CPUAccessLimitTests {
  @Test func aTooLargeRepeatIsAnErrorNotASilentlyDroppedLine() {
    let source = "board soc\np = kmalloc(64, GFP_KERNEL)\ncpu_write(p, 0, \"ab\", repeat=1G)"
    let diagnostics = ScenarioCompiler.compile(source, fileName: "t.dms").diagnostics
    #expect(diagnostics.count == 1, "\(diagnostics.map(\.rendered))")
    #expect(diagnostics.first?.location.line == 3 && diagnostics.first?.location.column == 30)
    #expect(diagnostics.first?.hint != nil)
  }

  @Test func aGigabyteCPUReadIsAnError() {
    let source = "board soc\np = kmalloc(64, GFP_KERNEL)\nb = cpu_read(p, 0, 1G)"
    let diagnostics = ScenarioCompiler.compile(source, fileName: "t.dms").diagnostics
    #expect(diagnostics.map(\.location.column) == [20], "\(diagnostics.map(\.rendered))")
  }
}
