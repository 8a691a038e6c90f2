import ArgumentParser
import DMAScenario

/// `dmascope check`: parse and check scenario files, reporting every error.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check scenario files and report every error with file:line:column and a hint.",
    discussion: "The calls a scenario can make (from CallRegistry):\n\n" + CallRegistry.helpText())

  @ArgumentParser.Argument(help: "Scenario files to check.")
  var files: [String]

  func run() throws {
    var failed = false
    for file in files {
      let source = try FileReader.read(file)
      let result = ScenarioCompiler.compile(source, fileName: file, boards: .files)
      for diagnostic in result.diagnostics {
        Output.error(diagnostic.rendered)
      }
      if result.scenario == nil {
        failed = true
      } else {
        print("\(file): ok (\(result.scenario?.program.actions.count ?? 0) statements)")
      }
    }
    if failed { throw ExitCode(1) }
  }
}
