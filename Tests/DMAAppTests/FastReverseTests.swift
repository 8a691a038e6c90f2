import DMAScenario
import DMASim
import Testing

@testable import DMAApp

/// Fast reverse (issue 20, Build item 6): reverse-continue, reverse-next and reverse-finish with
/// segment summaries stop at exactly the step the plain scan (every segment replayed) stops
/// at, over whole lessons, for every breakpoint kind.
@Suite struct FastReverseTests {
  /// The most stops one sequence compares (each stop of the plain scan replays from it back).
  static let stopsPerSequence = 6
  /// The most steps a lesson runs before the comparison (a cyclic lesson never ends).
  static let stepLimit = 3_000
  /// Steps between checkpoints at first: every step, so a scan replays a costly step (dmatest's
  /// 20-iteration run takes 0.36 s in a debug build) once and lands without replaying it
  /// again; past 512 steps the history thins (to an interval of 8 by 3,000 steps), so the
  /// longer lessons also compare after summaries were merged.
  static let checkpointInterval = 1

  @Test(arguments: LessonLibrary.all.map(\.name))
  func fastReverseStopsWhereThePlainScanStops(lesson name: String) throws {
    let lesson = try #require(LessonLibrary.lesson(named: name))
    let scenario = try #require(
      ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario)
    var base = Debugger(
      machine: Machine(board: scenario.board, program: scenario.program),
      checkpointInterval: Self.checkpointInterval)
    // To the end, or `stepLimit` steps into a lesson that runs longer.
    while base.machine.stepCount < Self.stepLimit, base.step() != .finished {}
    let end = base.machine.stepCount
    #expect(end > 0)
    let sets = FastReverseSets.breakpointSets(
      scenario, final: base.machine, history: base.history)
    #expect(sets.count >= 8)
    for set in sets {
      let fast = compareReverseContinue(base, set, from: end)
      #expect(fast.mismatch == nil, "\(name) \(set.label): \(fast.mismatch ?? "")")
    }
    for command in ReverseCommand.allCases {
      let found = compare(command, base, from: end)
      #expect(found == nil, "\(name) \(command): \(found ?? "")")
    }
  }

  /// A condition that never holds stops nowhere, though its function's segments are
  /// candidates: both scans go back to step 0 with the same answer.
  @Test func aConditionThatNeverHoldsStopsNowhereInEitherScan() throws {
    let lesson = try #require(LessonLibrary.lesson(named: "first-transfer"))
    let scenario = try #require(
      ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario)
    var base = Debugger(
      machine: Machine(board: scenario.board, program: scenario.program), checkpointInterval: 16)
    while base.step() != .finished {}
    let kind = Breakpoint.Kind.call("dma_map_single")
    let condition = try BreakConditionCompiler.compile(
      "size == 123457", for: kind, scenario: scenario
    ).get()
    base.addBreakpoint(kind, condition: condition)
    var fast = base
    var plain = base
    plain.usesSegmentSummaries = false
    #expect(fast.history.summaries.contains { $0.mayHit(fast.breakpoints[0]) })
    // And some segment cannot, so the fast scan passes it over without replay.
    #expect(fast.history.summaries.contains { !$0.mayHit(fast.breakpoints[0]) })
    #expect(fast.reverseContinue() == .atStart)
    #expect(plain.reverseContinue() == .atStart)
    #expect(fast.machine.stepCount == 0 && plain.machine.stepCount == 0)
  }

  /// The reverse commands the comparison drives.
  enum ReverseCommand: CaseIterable {
    case next, finish, pauseOnly
  }

  /// Drives `reverseContinue` on a fast and a plain copy from `start`; the first difference.
  private func compareReverseContinue(
    _ base: Debugger, _ set: FastReverseSets.BreakpointSet, from start: Int
  ) -> (mismatch: String?, stops: Int) {
    var fast = base
    _ = fast.goto(step: start)
    for (kind, condition) in set.breakpoints {
      fast.addBreakpoint(kind, condition: condition)
    }
    var plain = fast
    plain.usesSegmentSummaries = false
    for count in 0..<Self.stopsPerSequence {
      let fastStop = fast.reverseContinue()
      let plainStop = plain.reverseContinue()
      if fastStop != plainStop || fast.machine.stepCount != plain.machine.stepCount {
        return (
          "stop \(count): fast \(fastStop) at \(fast.machine.stepCount), plain \(plainStop) at "
            + "\(plain.machine.stepCount)", count
        )
      }
      if fast.lastHitDetail != plain.lastHitDetail {
        return ("stop \(count): details differ", count)
      }
      if fastStop == .atStart { return (nil, count) }
    }
    return (nil, Self.stopsPerSequence)
  }

  /// Drives reverse-next, reverse-finish or a breakpoint-free reverse-continue (pauses only).
  private func compare(_ command: ReverseCommand, _ base: Debugger, from start: Int) -> String? {
    var fast = base
    _ = fast.goto(step: start)
    var plain = fast
    plain.usesSegmentSummaries = false
    for count in 0..<Self.stopsPerSequence {
      let stops: (Debugger.Stop, Debugger.Stop)
      switch command {
      case .next: stops = (fast.reverseNext(), plain.reverseNext())
      case .finish: stops = (fast.reverseFinish(), plain.reverseFinish())
      case .pauseOnly: stops = (fast.reverseContinue(), plain.reverseContinue())
      }
      if stops.0 != stops.1 || fast.machine.stepCount != plain.machine.stepCount {
        return "stop \(count): fast \(stops.0) at \(fast.machine.stepCount), plain \(stops.1) at "
          + "\(plain.machine.stepCount)"
      }
      if stops.0 == .atStart { return nil }
    }
    return nil
  }
}
