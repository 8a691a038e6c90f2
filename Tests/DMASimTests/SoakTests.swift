import Foundation
import Testing

@testable import DMASim

/// Millions of steps (with DMASCOPE_SOAK_STEPS) of random valid driver code, with every
/// invariant checked after every step; CI runs a smaller budget.
@Suite struct SoakTests {
  static var budget: Int {
    Int(ProcessInfo.processInfo.environment["DMASCOPE_SOAK_STEPS"] ?? "") ?? 120_000
  }

  @Test func randomScenariosKeepEveryInvariant() {
    var total = 0
    var seed: UInt64 = 1
    var failures: [String] = []
    var finishedScenarios = 0
    while total < Self.budget, failures.isEmpty {
      var generator = RandomScenario(seed: seed)
      var machine = Machine(board: .soc, program: generator.program(transactions: 12))
      var steps = 0
      while steps < 200_000, machine.step() {
        steps += 1
        let problems = machine.invariantViolations()
        if !problems.isEmpty {
          failures = ["seed \(seed) step \(machine.stepCount): " + problems.joined(separator: "; ")]
          break
        }
      }
      if machine.isFinished { finishedScenarios += 1 }
      total += steps
      seed += 1
    }
    #expect(failures.isEmpty, "\(failures)")
    #expect(total >= Self.budget)
    #expect(finishedScenarios >= 1)
  }

  @Test func aBrokenListIsReported() {
    var machine = Machine(board: .soc, program: Program(title: "t", actions: []))
    machine.engine.controllers[0].virtualChannels[0].allocated = [7]
    #expect(machine.invariantViolations() == ["dma0chan0: txd d7 listed but freed"])
  }
}
