import DMAApp
import DMASim
import TermCanvas
import Testing

/// Stepping granularities, breakpoints and the `:` command line, driven by keys.
@Suite struct DebuggingKeyTests {
  func type(_ text: String, into model: inout AppModel) {
    for character in text { _ = model.update(.key(.character(character))) }
  }

  @Test func nextAndReverseNextMoveByStatement() throws {
    var model = try AppFixtures.model()
    _ = model.update(.key(.character("n")))
    #expect(model.machine.currentAction?.operation.functionName == "dma_request_chan")
    _ = model.update(.key(.character("n")))
    #expect(model.machine.currentAction?.operation.functionName == "dmaengine_slave_config")
    _ = model.update(.key(.character("N")))
    #expect(model.machine.currentAction?.operation.functionName == "dma_request_chan")
  }

  @Test func colonGotoJumpsBothWays() throws {
    var model = try AppFixtures.model()
    _ = model.update(.key(.character(":")))
    type("goto 30", into: &model)
    #expect(model.view().plainText.contains(":goto 30_"))
    _ = model.update(.key(.enter))
    #expect(model.machine.stepCount == 30)
    _ = model.update(.key(.character(":")))
    type("g 4", into: &model)
    _ = model.update(.key(.enter))
    #expect(model.machine.stepCount == 4)
  }

  @Test func breakOnACallThenContinue() throws {
    var model = try AppFixtures.model()
    _ = model.update(.key(.character(":")))
    type("break dma_unmap_single", into: &model)
    _ = model.update(.key(.enter))
    _ = model.update(.key(.character("c")))
    let text = model.view().plainText
    #expect(text.contains("Breakpoint 1, before dma_unmap_single (line 41), step"))
    // Stopped before the call, as gdb stops before a function's first statement.
    let next = try #require(model.machine.upcomingActionIndex)
    #expect(model.machine.program.actions[next].operation.functionName == "dma_unmap_single")
    #expect(model.machine.currentAction?.operation.functionName != "dma_unmap_single")
    _ = model.update(.key(.character("C")))
    #expect(model.machine.stepCount == 0)
  }

  @Test func watchABufferByName() throws {
    var model = try AppFixtures.model(steps: 3)
    _ = model.update(.key(.character(":")))
    type("watch dirty buf", into: &model)
    _ = model.update(.key(.enter))
    #expect(model.view().plainText.contains("Watchpoint 1: watch dirty 0x42000000"))
    _ = model.update(.key(.character("c")))
    #expect(model.machine.stepCount == 4)
  }

  @Test func badCommandsExplainThemselves() throws {
    var model = try AppFixtures.model()
    for (command, expected) in [
      ("frobnicate", "unknown command :frobnicate"), ("goto x", "usage: :goto STEP"),
      ("watch nosuchbuffer", "no variable or address `nosuchbuffer`"),
      ("delete 9", "no breakpoint 9"),
    ] {
      _ = model.update(.key(.character(":")))
      type(command, into: &model)
      _ = model.update(.key(.enter))
      #expect(model.view().plainText.contains(expected), "\(command)")
    }
    _ = model.update(.key(.character(":")))
    _ = model.update(.key(.escape))
    #expect(model.commandLine == nil)
  }

  @Test func bOnTheCacheSelectionWatchesThatLine() throws {
    var model = try AppFixtures.model(steps: 6)
    _ = model.update(.key(.character("2")))
    _ = model.update(.key(.down))
    _ = model.update(.key(.character("b")))
    #expect(model.debugger.breakpoints.first?.kind == .becomesDirty(0x4200_0040))
  }

  @Test func runStopsAtABreakpoint() throws {
    var model = try AppFixtures.model()
    _ = model.update(.key(.character(":")))
    type("break complete", into: &model)
    _ = model.update(.key(.enter))
    // r runs past the narrations (Space would stop at the next one).
    _ = model.update(.key(.character("r")))
    var ticks = 0
    while model.running, ticks < 10_000 {
      _ = model.update(.tick)
      ticks += 1
    }
    #expect(model.view().plainText.contains("Catchpoint 1 (break complete) at step"))
    #expect(model.machine.engine.controllers[0].virtualChannels[0].completed.count == 1)
  }
}
