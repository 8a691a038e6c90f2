import ArgumentParser
import DMASim

/// What a headless run that stopped at a limit (events or memory) says: which limit, where the
/// scenario was, and which `expect`s it never reached. Such a run never passes: a CI gate must
/// not take a scenario that did not finish for one whose checks held.
struct RunLimitReport {
  /// The most events a headless run steps without `--steps`.
  static let eventLimit = 10_000_000
  /// The default resident-memory budget of a headless run, in MiB.
  static let memoryLimitMegabytes = 1024

  /// The limit that stopped the run, in words (`the event limit (10000000 events)`).
  var limit: String
  var fileName: String
  /// Source lines of the `expect` statements not evaluated, in program order.
  var unevaluated: [(line: Int, text: String)]
  /// Where the scenario was: its line and statement, if the CPU was in one.
  var position: (line: Int, text: String)?
  var step: Int
  var tick: UInt64

  /// The report for a machine that has not finished.
  init(limit: String, fileName: String, machine: Machine) {
    self.limit = limit
    self.fileName = fileName
    step = machine.stepCount
    tick = machine.clock
    let actions = machine.program.actions
    let current = machine.cpu.currentAction ?? machine.cpu.programCounter
    if let action = machine.currentAction {
      position = (action.line, action.text)
    } else if actions.indices.contains(current) {
      position = (actions[current].line, actions[current].text)
    }
    unevaluated = actions.indices.filter { $0 >= current }.compactMap { index in
      guard case .expect = actions[index].operation else { return nil }
      return (actions[index].line, actions[index].text)
    }
  }

  /// Prints the limit, the position and every expectation left unevaluated; always throws a
  /// non-zero exit (status 3, apart from a failed expectation's 1).
  func fail() throws -> Never {
    var place = "step \(step), tick \(tick)"
    if let position { place += ", \(fileName):\(position.line): \(position.text)" }
    Output.error("\(fileName): stopped at \(limit) at \(place); the scenario did not finish")
    for expectation in unevaluated {
      Output.error("\(fileName):\(expectation.line): not evaluated: \(expectation.text)")
    }
    let count = unevaluated.count
    Output.error(
      "\(fileName): \(count) expectation\(count == 1 ? "" : "s") not evaluated\n"
        + "hint: shorten the scenario, raise the limit (--event-limit, --memory-limit), or use "
        + "--steps N to stop on purpose")
    throw ExitCode(3)
  }
}
