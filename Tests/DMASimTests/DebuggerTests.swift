import Testing

@testable import DMASim

@Suite struct DebuggerTests {
  func debugger(_ program: Program = TestPrograms.transfer()) -> Debugger {
    Debugger(machine: Machine(board: .minimal, program: program), checkpointInterval: 8)
  }

  @Test func nextStopsWhereEachStatementBegins() {
    var debugger = debugger()
    var begins: [Int] = []
    while debugger.next() == .done { begins.append(debugger.machine.stepCount) }
    #expect(begins.first == 1)
    #expect(begins.count >= 10)
    // Going back with reverse-next visits the same steps in reverse.
    var back: [Int] = []
    while debugger.reverseNext() == .done { back.append(debugger.machine.stepCount) }
    #expect(back == Array(begins.reversed()))
  }

  @Test func finishRunsTheTransferToItsCallbackAndReverseFinishReturns() {
    var debugger = debugger()
    _ = debugger.continueForward()  // no breakpoints: to the end
    #expect(debugger.machine.isFinished)
    _ = debugger.goto(step: 0)
    while !debugger.machine.transferInFlight { _ = debugger.step() }
    let started = debugger.machine.stepCount
    #expect(debugger.finish() == .done)
    #expect(!debugger.machine.transferInFlight)
    #expect(debugger.machine.cpu.completions == [2])
    _ = debugger.stepBack()
    #expect(debugger.reverseFinish() == .done)
    #expect(debugger.machine.stepCount == started)
  }

  @Test func continueStopsAtACallBreakpointAndReverseContinueFindsItAgain() throws {
    var debugger = debugger()
    let breakpoint = debugger.addBreakpoint(.call("dma_unmap_single"))
    #expect(debugger.continueForward() == .breakpoint(breakpoint))
    // Stopped before the call: its first event is the next step.
    let index = try #require(debugger.machine.upcomingActionIndex)
    #expect(debugger.machine.program.actions[index].operation.functionName == "dma_unmap_single")
    #expect(debugger.machine.currentAction?.operation.functionName != "dma_unmap_single")
    let hitStep = debugger.machine.stepCount
    #expect(debugger.continueForward() == .finished)
    #expect(debugger.reverseContinue() == .breakpoint(breakpoint))
    #expect(debugger.machine.stepCount == hitStep)
    #expect(debugger.reverseContinue() == .atStart)
    #expect(debugger.machine.stepCount == 0)
  }

  @Test func watchpointsFireOnDirtyTouchAndDifference() {
    var debugger = debugger()
    debugger.addBreakpoint(.becomesDirty(0x4200_0040))
    #expect(debugger.continueForward() == .breakpoint(debugger.breakpoints[0]))
    #expect(debugger.machine.memory.cache.lookup(PhysAddr(0x4200_0040)) != nil)
    debugger.deleteBreakpoint(1)
    let touch = debugger.addBreakpoint(
      .watch(base: 0x4200_0070, size: 4, access: .any, by: .either))
    // The CPU store to that word happened in the step that dirtied the line; the next touch
    // is the DMA beat reading it.
    #expect(debugger.continueForward() == .breakpoint(touch))
    #expect(debugger.machine.entriesOfLastStep.contains { $0.function == "beat" })
    var fresh = self.debugger()
    let differs = fresh.addBreakpoint(.cpuDiffersFromRAM(base: 0x4200_0000, size: 128))
    #expect(fresh.continueForward() == .breakpoint(differs))
    #expect(fresh.machine.log.last?.function == "str")
  }

  @Test func violationBreakpointStopsAtTheDmaDebugReport() {
    var debugger = debugger(TestPrograms.transfer(checkError: false))
    let breakpoint = debugger.addBreakpoint(.violation)
    #expect(debugger.continueForward() == .breakpoint(breakpoint))
    #expect(debugger.machine.entriesOfLastStep.contains { $0.source == .debug })
  }

  @Test func lineAndEventBreakpoints() {
    var debugger = debugger(TestPrograms.bigTransfers(count: 2, size: 256))
    let line = debugger.addBreakpoint(.line(15))
    #expect(debugger.continueForward() == .breakpoint(line))
    #expect(
      debugger.machine.upcomingActionIndex.map { debugger.machine.program.actions[$0].line } == 15)
    _ = debugger.step()
    #expect(debugger.machine.currentAction?.line == 15)
    debugger.deleteBreakpoint(line.id)
    let complete = debugger.addBreakpoint(.descriptorComplete)
    #expect(debugger.continueForward() == .breakpoint(complete))
    #expect(debugger.machine.engine.controllers[0].virtualChannels[0].completed.count == 1)
  }

  @Test func reverseSteppingAcrossTenThousandStepsMatchesGoingForward() {
    var debugger = Debugger(
      machine: Machine(board: .minimal, program: TestPrograms.bigTransfers(count: 6, size: 4096)))
    var forward: [Machine] = [debugger.machine]
    while forward.count <= 10_000, debugger.step() == .done { forward.append(debugger.machine) }
    #expect(forward.count > 10_000)
    var mismatches = 0
    for expected in forward.reversed().dropFirst() {
      _ = debugger.stepBack()
      if debugger.machine != expected { mismatches += 1 }
    }
    #expect(mismatches == 0)
    #expect(debugger.machine.stepCount == 0)
  }
}
