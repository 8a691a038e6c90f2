import DMAScenario
import DMASim
import Testing

/// The driver's control flow runs (issue 16, slice 2): `if`/`else`, `while`, `for`, `break`,
/// `continue`, `goto` to an error label, `return`, integer declarations and assignments, and
/// conditions that call the kernel (`dma_mapping_error`) with C's short-circuit `&&` and `||`.
@Suite struct ControlFlowTests {
  /// A probe path in the kernel's shape: allocate, map, check each step, unwind through labels.
  static let probe = """
    board soc
    int ret = 0;
    int i;
    buf = kmalloc(64, GFP_KERNEL)
    if (!buf) {
      ret = -ENOMEM;
      goto out;
    }
    h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
    if (dma_mapping_error(spi0, h)) {
      ret = -EIO;
      goto free_buf;
    }
    for (i = 0; i < 3; i++) {
      cpu_read(buf, 0, 4)
    }
    dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
    free_buf:
    kfree(buf)
    out:

    """

  private func run(_ source: String, limit: Int = 100_000) throws -> Machine {
    try ScenarioRunSupport.run(source, fileName: "flow.dms", limit: limit)
  }

  private func results(_ machine: Machine) -> [String] {
    machine.expectationResults.map { "\($0.text): \($0.passed ? "ok" : "FAILED \($0.actual)")" }
  }

  private func diagnostics(_ source: String) -> [String] {
    ScenarioCompiler.compile(source, fileName: "flow.dms").diagnostics.map {
      "\($0.location.line):\($0.location.column): \($0.message)"
    }
  }

  @Test func theProbePathRunsItsLoopAndSkipsItsErrorBranches() throws {
    let machine = try run(Self.probe + "expect i == 3\nexpect ret == 0\nexpect mappings() == 0\n")
    #expect(
      results(machine) == ["i == 3: ok", "ret == 0: ok", "mappings() == 0: ok"],
      "\(results(machine))")
    let functions = machine.log.entries.map(\.function)
    let reads = machine.log.entries.filter {
      $0.function == "cpu_read" && $0.message.hasPrefix("read ")
    }
    #expect(reads.count == 3)
    // Each back edge takes a step of its own (the loop's `for` line), so a loop that calls
    // nothing still advances and the event cap bounds it.
    #expect(functions.filter { $0 == "loop" }.count == 3)
    #expect(functions.contains("dma_unmap_single") && functions.contains("kfree"))
  }

  /// A failed mapping takes the error path: `goto out` skips the unmap. `dma_map_single` of a
  /// vmapped stack buffer fails (include/linux/dma-mapping.h `dma_map_single_attrs`:
  /// "rejecting DMA map of vmalloc memory" when `is_vmalloc_addr`, then `DMA_MAPPING_ERROR`),
  /// so the check sees it.
  @Test func aFailedMappingTakesTheErrorPathToItsLabel() throws {
    let source = """
      board soc
      int ret = 0;
      b = stack_buffer(64, vmap_stack=1)
      h = dma_map_single(spi0, b, 64, DMA_TO_DEVICE)
      if (dma_mapping_error(spi0, h)) {
        ret = -EIO;
        goto out;
      }
      dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
      ret = 1
      out:
      expect ret == -EIO
      """
    let machine = try run(source)
    #expect(results(machine) == ["ret == -EIO: ok"], "\(results(machine))")
    #expect(!machine.log.entries.contains { $0.function == "dma_unmap_single" })
  }

  @Test func ifElseTakesOneArmAndWhileHonoursBreakAndContinue() throws {
    let source = """
      board soc
      int n = 0;
      int odd = 0;
      int i = 0;
      while (1) {
        i++;
        if (i > 6) {
          break;
        }
        if (i == 2 || i == 4 || i == 6) {
          n += 10;
          continue;
        } else {
          odd++;
        }
      }
      expect n == 30
      expect odd == 3
      expect i == 7
      """
    let machine = try run(source)
    #expect(
      results(machine) == ["n == 30: ok", "odd == 3: ok", "i == 7: ok"], "\(results(machine))")
  }

  /// `&&` and `||` short-circuit as C does: the call on the right runs only when the left does
  /// not decide (C11 6.5.13, 6.5.14).
  @Test func theRightOfAndAndOrRunsOnlyWhenNeeded() throws {
    let source = """
      board soc
      buf = kmalloc(64, GFP_KERNEL)
      h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
      int hit = 0;
      if (0 && dma_mapping_error(spi0, h)) {
        hit = 1;
      }
      if (1 || dma_mapping_error(spi0, h)) {
        hit += 2;
      }
      if (!(buf == NULL) && !dma_mapping_error(spi0, h)) {
        hit += 4;
      }
      expect hit == 6
      """
    let machine = try run(source)
    #expect(results(machine) == ["hit == 6: ok"], "\(results(machine))")
    #expect(machine.log.entries.filter { $0.function == "dma_mapping_error" }.count == 1)
  }

  /// `IS_ERR` on a channel request that fails: `dma_request_chan` returns `ERR_PTR(-ENODEV)`
  /// for a name the device tree does not list (drivers/dma/dmaengine.c `dma_request_chan`).
  @Test func isErrSeesAFailedChannelRequest() throws {
    let source = """
      board soc
      int ret = 0;
      chan = dma_request_chan(spi0, "nosuch")
      if (IS_ERR(chan)) {
        ret = -ENODEV;
      }
      ok = dma_request_chan(spi0, "tx")
      if (IS_ERR_OR_NULL(ok)) {
        ret = 99;
      }
      expect ret == -ENODEV
      """
    let machine = try run(source)
    #expect(results(machine) == ["ret == -ENODEV: ok"], "\(results(machine))")
  }

  @Test func returnEndsTheProbePath() throws {
    let machine = try run("board soc\nint x = 1;\nreturn 0;\nx = 2\nexpect x == 2\n")
    #expect(machine.expectationResults.isEmpty)
    #expect(machine.cpu.variables["x"] == .integer(1))
  }

  @Test func aLoopThatCallsNothingIsBoundedByTheEventCap() throws {
    let machine = try run("board soc\nagain:\ngoto again;\n", limit: 500)
    #expect(!machine.isFinished)
    #expect(machine.log.entries.filter { $0.function == "loop" }.count >= 200)
  }

  /// Stepping back through a loop and forward again gives the same machine (history replay).
  @Test func steppingBackThroughALoopReplaysTheSameStates() throws {
    let result = ScenarioCompiler.compile(Self.probe, fileName: "flow.dms")
    let scenario = try #require(result.scenario)
    var debugger = Debugger(
      machine: Machine(board: scenario.board, program: scenario.program), checkpointInterval: 4)
    _ = debugger.continueForward()
    let end = debugger.machine
    #expect(end.isFinished)
    _ = debugger.goto(step: 7)
    let middle = debugger.machine
    _ = debugger.gotoEnd()
    #expect(debugger.machine == end)
    _ = debugger.goto(step: 7)
    #expect(debugger.machine == middle)
    #expect(middle.cpu.variables["i"] != end.cpu.variables["i"])
  }

  @Test func mistakesInControlFlowAreReportedWhereWritten() {
    #expect(diagnostics("board soc\nbreak;\n") == ["2:1: `break` outside a loop"])
    #expect(diagnostics("board soc\ngoto ot;\nout:\n") == ["2:6: no label `ot`"])
    #expect(diagnostics("board soc\nout:\nout:\n") == ["3:1: duplicate label `out`"])
    #expect(diagnostics("board soc\ni++;\n") == ["2:1: `i` is not defined"])
    #expect(
      diagnostics("board soc\nb = kmalloc(4, GFP_KERNEL)\nb = 5\n")
        == ["3:1: `b` is a CPU pointer, which only a call can set"])
    #expect(
      diagnostics("board soc\nstruct completion done;\n")
        == ["2:1: the declaration of `done` (struct completion) cannot run yet"])
    #expect(
      diagnostics("board soc\nstatic void f(void *p) { }\n")
        == ["2:1: the function definition `f` cannot run yet"])
    #expect(
      diagnostics("board soc\nif (nosuch) { }\n") == ["2:5: `nosuch` is not defined"])
  }
}
