/// A stop found by a reverse scan.
struct ReverseStop {
  /// The step to stop at.
  var step: Int
  /// The breakpoint behind it (nil for a `pause` or the command's own target).
  var breakpoint: Breakpoint?
  /// Whether a `pause` checkpoint was reached at that step.
  var pause = false
}

/// What a reverse command looks for besides breakpoints and pauses: a transition between two
/// states (`isHit`), and which segment summaries can hold one (`mayHold`; true when unsure).
struct ReverseGoal: Sendable {
  /// Whether the step from the probed state to `after` is a stop.
  var isHit: @Sendable (StepProbe, Machine) -> Bool
  /// Whether a segment with this summary can contain such a step.
  var mayHold: @Sendable (SegmentSummary) -> Bool

  /// reverse-next: a step where a statement began (the program counter moved on).
  static let statementBegins = ReverseGoal(
    isHit: { $1.cpu.programCounter > $0.programCounter }, mayHold: \.statementsBegun)

  /// reverse-finish: a step after which a transfer is in flight, none being before.
  static let transferStarts = ReverseGoal(
    isHit: { !$0.transferInFlight && $1.transferInFlight }, mayHold: \.transferInFlight)
}

extension Debugger {
  /// The latest stop before `current`, scanning checkpoint segments from the newest back:
  /// a breakpoint hit (at the step before it for function and line breakpoints), a `pause`,
  /// or a step where `goal` holds. With `usesSegmentSummaries`, a segment whose summary shows
  /// it can hold no stop is passed over without replay; the stop found is the same, since a
  /// summary only rules out what no step of its segment can match.
  func scanBack(from current: Int, goal: ReverseGoal?) -> ReverseStop? {
    let set = breakpoints.filter(\.enabled)
    let checkpoints = history.checkpoints
    let summaries = history.summaries
    for index in checkpoints.indices.reversed() {
      let start = checkpoints[index].stepCount
      guard start < current else { continue }
      let segmentEnd = index + 1 < checkpoints.count ? checkpoints[index + 1].stepCount : Int.max
      // A function breakpoint's hit at `current` stops at `current - 1`, so steps up to
      // `current` are candidates.
      let lastStep = min(segmentEnd, current)
      if usesSegmentSummaries, lastStep <= history.summarizedThrough,
        summaries.indices.contains(index),
        !Self.mayStop(summaries[index], set, goal)
      {
        continue
      }
      if let found = latestStop(
        in: checkpoints[index], through: lastStep, before: current,
        set, goal?.isHit)
      {
        return found
      }
    }
    return nil
  }

  /// Whether a segment with `summary` can hold a stop of a reverse command.
  static func mayStop(_ summary: SegmentSummary, _ set: [Breakpoint], _ goal: ReverseGoal?)
    -> Bool
  {
    summary.pauses || set.contains { summary.mayHit($0) }
      || (goal.map { $0.mayHold(summary) } ?? false)
  }

  /// Replays one segment from `checkpoint` through step `lastStep`; the latest stop in it
  /// that lies before `current`.
  private func latestStop(
    in checkpoint: Machine, through lastStep: Int, before current: Int, _ set: [Breakpoint],
    _ other: ((StepProbe, Machine) -> Bool)?
  ) -> ReverseStop? {
    var machine = checkpoint
    var best: ReverseStop?
    func consider(_ candidate: ReverseStop) {
      guard candidate.step < current else { return }
      if let existing = best, existing.step > candidate.step { return }
      best = candidate
    }
    while machine.stepCount < lastStep {
      let probe = StepProbe(machine, breakpoints: set, watchedBytes: false)
      guard machine.step() else { break }
      let step = machine.stepCount
      if let other, other(probe, machine) { consider(ReverseStop(step: step)) }
      if machine.lastTouch.pause { consider(ReverseStop(step: step, pause: true)) }
      for (index, breakpoint) in set.enumerated()
      where breakpoint.isHit(before: probe, index: index, after: machine) {
        consider(
          ReverseStop(step: breakpoint.stopsBefore ? step - 1 : step, breakpoint: breakpoint))
      }
    }
    return best
  }

  /// Moves to a stop found going back and says why it stopped there.
  mutating func land(on found: ReverseStop) -> Stop {
    guard let breakpoint = found.breakpoint else {
      guard restore(step: found.step) else { return .atStart }
      return found.pause ? .pause : .done
    }
    if breakpoint.stopsBefore {
      guard restore(step: found.step) else { return .atStart }
      lastHitDetail = nil
      // The state after the hitting step names the call that is about to begin.
      if let after = history.machine(atStep: found.step + 1) {
        let line = after.currentAction?.line ?? 0
        if case .call(let name) = breakpoint.kind {
          lastHitDetail = "before \(name)" + (line > 0 ? " (line \(line))" : "")
        } else if case .line(let number) = breakpoint.kind {
          lastHitDetail = "before line \(number)"
        }
      }
    } else {
      // Rebuild the step to describe what it accessed.
      guard restore(step: found.step - 1) else { return .atStart }
      let set = breakpoints
      let probe = StepProbe(machine, breakpoints: set)
      let index = set.firstIndex { $0.id == breakpoint.id } ?? 0
      guard machine.step() else { return .atStart }
      if probe.watched.indices.contains(index), case .watch = breakpoint.kind {
        lastHitDetail = WatchReport.describe(
          breakpoint, before: probe.watched[index], after: machine)
      } else {
        lastHitDetail = machine.entriesOfLastStep.last.map { "\($0.function): \($0.message)" }
      }
    }
    if breakpoint.temporary { deleteBreakpoint(breakpoint.id) }
    return .breakpoint(breakpoint)
  }
}
