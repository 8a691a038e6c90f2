import DMAScenario
import DMASim
import Testing

/// `run until complete(cookie)` and `run until idle`: the CPU waits on `dma_cookie_status`, and
/// a wait that can never end fails with a reason instead of hanging.
@Suite struct RunUntilTests {
  static let prelude = """
    board soc
    spi = dma_request_chan(spi0, "tx")
    dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
    buf = kmalloc(256, GFP_KERNEL)
    h = dma_map_single(spi0, buf, 256, DMA_TO_DEVICE)
    d = dmaengine_prep_slave_single(spi, h, 256, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
    c = dmaengine_submit(d)
    """

  /// Compiles prelude + body and runs it to the end (bounded).
  func run(_ body: String) throws -> Machine {
    let result = ScenarioCompiler.compile(Self.prelude + "\n" + body, fileName: "t.dms")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    var steps = 0
    while steps < 200_000, machine.step() { steps += 1 }
    return machine
  }

  @Test func waitsUntilTheStatusIsCompleteThenRunsOn() throws {
    let machine = try run(
      """
      dma_async_issue_pending(spi)
      run until complete(c)
      s = dmaengine_tx_status(spi, c)
      expect s == DMA_COMPLETE
      """)
    #expect(machine.isFinished && machine.cpu.finished)
    #expect(machine.expectationResults.map(\.passed) == [true])
    #expect(machine.log.entries.contains { $0.message.hasSuffix("= DMA_COMPLETE") })
  }

  @Test func aCookieNeverIssuedFailsAtOnceWithTheReason() throws {
    let machine = try run(
      """
      run until complete(c)
      say "not reached"
      """)
    let result = try #require(machine.expectationResults.first)
    #expect(!result.passed && result.line == 8)
    #expect(result.actual.contains("dma_async_issue_pending() was never called"))
    #expect(!machine.log.entries.contains { $0.message == "not reached" })
  }

  @Test func aPausedChannelFailsTheWait() throws {
    let machine = try run(
      """
      dma_async_issue_pending(spi)
      run 3 ticks
      dmaengine_pause(spi)
      run until complete(c) within 100000 ticks
      """)
    #expect(machine.expectationResults.first?.actual.contains("is paused") == true)
  }

  @Test func aCyclicRingNeverCompletes() throws {
    let machine = try run(
      """
      ring = dmaengine_prep_dma_cyclic(spi, h, 256, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      rc = dmaengine_submit(ring)
      dma_async_issue_pending(spi)
      run until complete(rc)
      """)
    #expect(machine.expectationResults.first?.actual.contains("cyclic") == true)
  }

  @Test func theTickLimitStopsAWaitOnABusyRing() throws {
    let machine = try run(
      """
      ring = dmaengine_prep_dma_cyclic(spi, h, 256, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      rc = dmaengine_submit(ring)
      dma_async_issue_pending(spi)
      run until idle within 500 ticks
      say "not reached"
      """)
    let result = try #require(machine.expectationResults.first)
    #expect(!result.passed && result.expected == "idle")
    #expect(machine.clock >= 500)
    #expect(!machine.log.entries.contains { $0.message == "not reached" })
  }

  @Test func runUntilIdleWaitsForTheTransferToFinish() throws {
    let machine = try run(
      """
      dma_async_issue_pending(spi)
      run until idle
      s = dmaengine_tx_status(spi, c)
      expect s == DMA_COMPLETE
      """)
    #expect(machine.expectationResults.map(\.passed) == [true])
  }

  @Test func theCheckerWantsACookieAndAKnownCondition() {
    let source = Self.prelude + "\nrun until complete(buf)\nrun until compete(c)\nrun until"
    let diagnostics = ScenarioCompiler.compile(source, fileName: "t.dms").diagnostics
    #expect(diagnostics.count == 3, "\(diagnostics.map(\.rendered))")
    #expect(diagnostics.map(\.location.line) == [8, 9, 10])
    #expect(diagnostics[0].location.column == 20)
    #expect(diagnostics[0].message.contains("a cookie is needed here"))
    #expect(diagnostics[1].hint == "did you mean `complete`?")
    #expect(diagnostics[2].message.contains("needs a condition"))
  }
}
