extension Debugger {
  /// Steps forward until `isDone`, a breakpoint, a `pause`, the end or the command limit.
  /// A function or line breakpoint stops in the state before its step; one that would stop
  /// where the command starts is stepped over, as gdb steps over a breakpoint at the PC.
  mutating func advance(until isDone: (StepProbe, Machine) -> Bool) -> Stop {
    for count in 0..<Self.commandStepLimit {
      let set = breakpoints
      let probe = StepProbe(machine, breakpoints: set, watchedBytes: false)
      guard stepMachine(after: probe) else { return .finished }
      for (index, breakpoint) in set.enumerated()
      where breakpoint.isHit(before: probe, index: index, after: machine) {
        if count == 0, breakpoint.stopsBefore { continue }
        hitCounts[breakpoint.id, default: 0] += 1
        if let current = breakpoints.firstIndex(where: { $0.id == breakpoint.id }),
          breakpoints[current].ignoreCount > 0
        {
          breakpoints[current].ignoreCount -= 1
          continue
        }
        return stop(at: breakpoint)
      }
      if machine.lastTouch.pause { return .pause }
      if isDone(probe, machine) { return machine.isFinished ? .finished : .done }
    }
    return .limit
  }

  /// Ends a command at a breakpoint hit by the step just taken.
  mutating func stop(at breakpoint: Breakpoint) -> Stop {
    if breakpoint.stopsBefore {
      let hitStep = machine.stepCount
      lastHitDetail = whereText(breakpoint)
      _ = restore(step: hitStep - 1)
    } else if case .watch(let base, let size, _, _) = breakpoint.kind {
      // The bytes before the step, rebuilt from the history (`advance` probes without them).
      let before =
        history.machine(atStep: machine.stepCount - 1).map {
          WatchedBytes($0, base: base, size: size)
        } ?? WatchedBytes()
      let detail = WatchReport.describe(breakpoint, before: before, after: machine)
      lastHitDetail = detail.isEmpty ? nil : detail
    } else {
      lastHitDetail = machine.entriesOfLastStep.last.map { "\($0.function): \($0.message)" }
    }
    if breakpoint.temporary { deleteBreakpoint(breakpoint.id) }
    return .breakpoint(breakpoint)
  }

  /// Where a stop-before breakpoint stopped: the function and the line about to run.
  func whereText(_ breakpoint: Breakpoint) -> String {
    let line = machine.currentAction?.line ?? 0
    switch breakpoint.kind {
    case .call(let name): return "before \(name)" + (line > 0 ? " (line \(line))" : "")
    case .line(let number): return "before line \(number)"
    default: return ""
    }
  }

  /// Goes back to the latest earlier step where `goal` holds, a breakpoint stop or a `pause`,
  /// or to step 0.
  mutating func back(to goal: ReverseGoal) -> Stop {
    guard machine.stepCount > 0 else { return .atStart }
    guard let found = scanBack(from: machine.stepCount, goal: goal) else {
      _ = goto(step: 0)
      return .atStart
    }
    return land(on: found)
  }

  /// Steps the machine once and records it (and its summary) in the history.
  mutating func stepMachine(after probe: StepProbe) -> Bool {
    guard machine.step() else { return false }
    history.record(
      machine, logCountBefore: probe.logCount, programCounterBefore: probe.programCounter)
    return true
  }

  /// Replaces the machine with the exact state at an earlier step.
  mutating func restore(step: Int) -> Bool {
    guard let state = history.machine(atStep: step) else { return false }
    machine = state
    return true
  }
}
