import DMAScenario
import DMASim
import Foundation
import Testing

/// Feeds mutated built-in lessons and random text through the whole checker (the path
/// `dmascope check` takes) and runs whatever compiles for a bounded number of steps. Nothing may
/// crash or hang, and every diagnostic must point inside the file.
///
/// `DMASCOPE_FUZZ_ITERATIONS=N` raises the number of mutants per lesson for a soak run.
@Suite("Checker fuzzing")
struct CheckerFuzzTests {
  /// Mutants per lesson in an ordinary test run.
  static let defaultIterations = 60
  /// Steps a compiled mutant runs before the test moves on.
  static let stepBudget = 3000

  static var iterations: Int {
    FuzzEnvironment.integer("DMASCOPE_FUZZ_ITERATIONS") ?? defaultIterations
  }

  @Test(arguments: LessonLibrary.all.map(\.name))
  func mutatedLessonsNeverBreakTheChecker(_ name: String) throws {
    let lesson = try #require(LessonLibrary.lesson(named: name))
    var seed: UInt64 = 0xC4EC_0000
    for byte in name.utf8 { seed = seed &* 31 &+ UInt64(byte) }
    var rng = SplitMix64(seed: seed)
    let mutator = LessonMutator(source: lesson.source)
    for _ in 0..<Self.iterations {
      let mutant = mutator.mutant(using: &rng)
      checkAndRun(mutant)
    }
  }

  @Test func randomTextNeverBreaksTheChecker() {
    var rng = SplitMix64(seed: 0xC4EC_B17E)
    for _ in 0..<(Self.iterations * 5) {
      var bytes: [UInt8] = []
      for _ in 0..<(rng.next() % 200) {
        // Mostly printable with newlines, sometimes anything at all.
        let roll = rng.next() % 10
        if roll == 0 {
          bytes.append(UInt8(truncatingIfNeeded: rng.next()))
        } else if roll == 1 {
          bytes.append(10)
        } else {
          bytes.append(UInt8(32 + rng.next() % 95))
        }
      }
      checkAndRun(String(decoding: bytes, as: UTF8.self))
    }
  }

  @Test func hugeAndNegativeConstantsInEveryLessonNeverTrap() throws {
    // Every number of every lesson replaced in turn by one extreme value.
    let extremes = [
      "0", "-1", "18446744073709551615", "18446744073709551616", "9223372036854775807",
      "-9223372036854775808", "0xFFFFFFFFFFFFFFFF", "4294967296", "1G", "1T", "16EiB", "-4K",
    ]
    var index = 0
    for lesson in LessonLibrary.all {
      let tokens = LessonMutator.tokenize(lesson.source)
      let numbers = tokens.indices.filter { LessonMutator.isNumber(tokens[$0]) }
      for position in numbers {
        var mutated = tokens
        mutated[position] = extremes[index % extremes.count]
        index += 1
        checkAndRun(mutated.joined(), steps: 400)
      }
    }
  }

  /// Compiles `source` like `dmascope check` does, checks every diagnostic's position and
  /// runs the scenario for a bounded number of steps when it compiled.
  private func checkAndRun(_ source: String, steps: Int = stepBudget) {
    let result = ScenarioCompiler.compile(source, fileName: "fuzz.dms")
    let lines = ScenarioParser.parse(source, fileName: "fuzz.dms").syntax.lines
    for diagnostic in result.diagnostics {
      let location = diagnostic.location
      let lineText = lines.indices.contains(location.line - 1) ? lines[location.line - 1] : ""
      let valid =
        location.line >= 1 && location.line <= max(1, lines.count) && location.column >= 1
        && location.column <= lineText.count + 1 && diagnostic.length >= 1
        && diagnostic.fileName == "fuzz.dms" && !diagnostic.rendered.isEmpty
      #expect(valid, "bad diagnostic \(diagnostic.rendered) for \(source.debugDescription)")
    }
    if result.scenario == nil {
      #expect(result.diagnostics.contains { $0.severity == .error })
    }
    guard let scenario = result.scenario else { return }
    var machine = Machine(board: scenario.board, program: scenario.program)
    var count = 0
    while count < steps, machine.step() { count += 1 }
    // Reading the machine the way the views do must not trap either.
    if let device = scenario.board.devices.first?.name {
      _ = machine.views(
        of: PhysAddr(scenario.board.dram.first?.base ?? 0), count: 64, device: device)
    }
  }
}

/// Reads a positive integer from the environment.
enum FuzzEnvironment {
  static func integer(_ name: String) -> Int? {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
  }
}
