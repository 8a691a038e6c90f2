import DMAScenario
import DMASim
import Testing

/// Issue 23, item 2: the run's memory budget (`--memory-limit`) sets the history's checkpoint
/// budget, so the quoted large caches hold history within it.
@Suite struct HistoryBudgetTests {
  func machine(_ source: String) throws -> Machine {
    let scenario = try #require(ScenarioCompiler.compile(source, fileName: "t.dms").scenario)
    return Machine(board: scenario.board, program: scenario.program)
  }

  @Test(arguments: [64, 256, 1024, 4096])
  func checkpointsOfASixteenMegabyteCacheStayWithinAQuarterOfTheLimit(megabytes: Int) throws {
    let machine = try machine("board soc\ncache size=16M line=4\np = kzalloc(1M, GFP_KERNEL)\n")
    let budget = History.byteBudget(memoryLimit: megabytes << 20)
    #expect(budget == megabytes << 18)
    let debugger = Debugger(machine: machine, historyByteBudget: budget)
    let capacity = debugger.history.capacity
    // Two checkpoints (step 0 and one more) are the floor, whatever the budget.
    #expect(capacity == max(2, min(512, budget / History.checkpointBytes(machine))))
    if capacity > 2 { #expect(capacity * History.checkpointBytes(machine) <= budget) }
  }

  @Test func theDefaultLimitKeepsTheDefaultCheckpointBudget() {
    #expect(History.byteBudget(memoryLimit: 1 << 30) == History.defaultByteBudget)
  }

  @Test func aFourMegabyteCacheHoldsFewerCheckpointsUnderASmallerLimit() throws {
    let machine = try machine("board soc\ncache size=4M\np = kzalloc(1M, GFP_KERNEL)\n")
    let small = Debugger(
      machine: machine, historyByteBudget: History.byteBudget(memoryLimit: 64 << 20))
    let large = Debugger(
      machine: machine, historyByteBudget: History.byteBudget(memoryLimit: 1 << 30))
    #expect(small.history.capacity < large.history.capacity)
    #expect(small.history.capacity * History.checkpointBytes(machine) <= 16 << 20)
  }
}
