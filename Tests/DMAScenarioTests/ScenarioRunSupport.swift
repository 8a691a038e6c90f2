import DMAScenario
import DMASim
import Testing

/// Compiles scenario text that must compile without diagnostics and runs it to its end.
enum ScenarioRunSupport {
  /// The machine after at most `limit` further events of `source`.
  static func run(
    _ source: String, fileName: String, limit: Int,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws -> Machine {
    let result = ScenarioCompiler.compile(source, fileName: fileName)
    #expect(
      result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))",
      sourceLocation: sourceLocation)
    let scenario = try #require(result.scenario, sourceLocation: sourceLocation)
    var machine = Machine(board: scenario.board, program: scenario.program)
    var steps = 0
    while machine.step(), steps < limit { steps += 1 }
    return machine
  }
}
