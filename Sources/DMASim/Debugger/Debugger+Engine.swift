extension Debugger {
  /// Steps forward until `isDone`, a breakpoint, a `pause`, the end or the command limit.
  mutating func advance(until isDone: (StepProbe, Machine) -> Bool) -> Stop {
    for _ in 0..<Self.commandStepLimit {
      let probe = StepProbe(machine, breakpoints: breakpoints)
      guard stepMachine() else { return .finished }
      for (index, breakpoint) in breakpoints.enumerated()
      where breakpoint.isHit(before: probe, index: index, after: machine) {
        return .breakpoint(breakpoint)
      }
      if machine.lastTouch.pause { return .pause }
      if isDone(probe, machine) { return machine.isFinished ? .finished : .done }
    }
    return .limit
  }

  /// Goes back to the latest earlier step satisfying `isHit`, or to step 0.
  mutating func back(to isHit: (StepProbe, Machine) -> Bool) -> Stop {
    guard machine.stepCount > 0 else { return .atStart }
    guard
      let found = history.lastStep(
        before: machine.stepCount, probe: { StepProbe($0) }, where: isHit),
      restore(step: found)
    else {
      _ = goto(step: 0)
      return .atStart
    }
    return .done
  }
}
