import Foundation
import Testing

@testable import DMASim

/// The illegal-order soak: `IllegalOrderScenario` programs (what real drivers get wrong) run to
/// their end with every invariant checked after every step. Nothing may trap, no invariant may
/// break, and each program must reach its last statement. CI runs a fixed-seed budget;
/// `DMASCOPE_ILLEGAL_SEEDS=N` runs N seeds (and prints the count, steps and seconds) for a soak
/// run.
@Suite struct IllegalOrderSoakTests {
  static var seeds: UInt64 {
    UInt64(ProcessInfo.processInfo.environment["DMASCOPE_ILLEGAL_SEEDS"] ?? "") ?? 16
  }

  /// Runs one seed; returns the broken rules (with seed and step) and the steps run.
  static func run(seed: UInt64, episodes: Int = 10) -> (problems: [String], steps: Int) {
    var generator = IllegalOrderScenario(seed: seed)
    let program = generator.program(episodes: episodes)
    var machine = Machine(board: generator.board, program: program)
    var steps = 0
    while steps < 400_000, machine.step() {
      steps += 1
      let problems = machine.invariantViolations()
      if !problems.isEmpty {
        let action = machine.currentAction.map { "\($0.operation)" } ?? "-"
        return (
          [
            "seed \(seed) (\(generator.board.name)) step \(machine.stepCount) at \(action): "
              + problems.joined(separator: "; ")
          ], steps
        )
      }
    }
    guard machine.isFinished, machine.cpu.finished else {
      return (["seed \(seed) (\(generator.board.name)): did not finish in \(steps) steps"], steps)
    }
    return ([], steps)
  }

  @Test func illegalOrdersKeepEveryInvariantAndRunToTheEnd() {
    let start = Date()
    var problems: [String] = []
    var steps = 0
    for seed in 1...Self.seeds {
      let outcome = Self.run(seed: seed)
      problems += outcome.problems
      steps += outcome.steps
      if problems.count >= 3 { break }
    }
    #expect(problems.isEmpty, "\(problems)")
    if ProcessInfo.processInfo.environment["DMASCOPE_ILLEGAL_SEEDS"] != nil {
      print(
        "illegal-order soak: \(Self.seeds) programs, \(steps) steps, "
          + "\(String(format: "%.1f", Date().timeIntervalSince(start))) s, "
          + "\(problems.count) failing")
    }
  }

  @Test func everyEpisodeKindIsGenerated() {
    var seen: Set<String> = []
    for seed in 1...Self.seeds {
      var generator = IllegalOrderScenario(seed: seed)
      _ = generator.program(episodes: 10)
      seen.formUnion(generator.episodes.map(\.rawValue))
    }
    #expect(seen == Set(IllegalOrderScenario.Episode.allCases.map(\.rawValue)))
  }
}
