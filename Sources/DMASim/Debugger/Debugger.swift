/// Step-through debugging over a deterministic machine: forward and reverse stepping at three
/// granularities, continue and reverse-continue, `goto`, and breakpoints.
///
/// Going backwards never undoes anything: it rebuilds the exact earlier state from the history's
/// checkpoints by replay, so every view of the past equals what was seen going forward.
public struct Debugger: Sendable {
  /// Why a stepping command stopped.
  public enum Stop: Hashable, Sendable {
    /// It did what was asked.
    case done
    /// A breakpoint was hit.
    case breakpoint(Breakpoint)
    /// A `pause` checkpoint in the scenario.
    case pause
    /// The scenario has nothing left to do.
    case finished
    /// Already at step 0 (or went back to it without finding what was asked).
    case atStart
    /// The step limit of one command was reached.
    case limit
  }

  /// The current state.
  public internal(set) var machine: Machine
  /// Checkpoints for going back.
  public internal(set) var history: History
  /// Breakpoints and watchpoints, in the order they were set.
  public private(set) var breakpoints: [Breakpoint] = []
  private var nextBreakpointID = 1

  /// The most steps one forward command runs before giving control back.
  public static let commandStepLimit = 5_000_000

  /// Starts debugging a machine.
  public init(machine: Machine, checkpointInterval: Int = 64, checkpointCapacity: Int = 512) {
    self.machine = machine
    history = History(
      initial: machine, interval: checkpointInterval, capacity: checkpointCapacity)
  }

  // MARK: - Forward

  /// One simulation event.
  public mutating func step() -> Stop { advance { _, _ in true } }

  /// Until the next scenario statement begins.
  public mutating func next() -> Stop {
    advance { $1.cpu.programCounter > $0.programCounter }
  }

  /// Until the transfer in flight completes, or, with none, until the next statement begins.
  public mutating func finish() -> Stop {
    guard machine.transferInFlight else { return next() }
    return advance { _, after in !after.transferInFlight }
  }

  /// Until a breakpoint, a `pause` or the end.
  public mutating func continueForward() -> Stop { advance { _, _ in false } }

  // MARK: - Backward

  /// Back one event.
  public mutating func stepBack() -> Stop { goto(step: machine.stepCount - 1) }

  /// Back to the step where the latest earlier statement began.
  public mutating func reverseNext() -> Stop {
    back { $1.cpu.programCounter > $0.programCounter }
  }

  /// Back to where the transfer in flight started, or, with none, like `reverseNext`.
  public mutating func reverseFinish() -> Stop {
    guard machine.transferInFlight else { return reverseNext() }
    return back { !$0.transferInFlight && $1.transferInFlight }
  }

  /// Back to the latest earlier step at which a breakpoint was hit, or to step 0.
  public mutating func reverseContinue() -> Stop {
    let set = breakpoints
    var hit: Breakpoint?
    let isHit = { (probe: StepProbe, after: Machine) -> Bool in
      for (index, breakpoint) in set.enumerated()
      where breakpoint.isHit(before: probe, index: index, after: after) {
        hit = breakpoint
        return true
      }
      return false
    }
    let found = history.lastStep(
      before: machine.stepCount, probe: { StepProbe($0, breakpoints: set) }, where: isHit)
    guard let found, restore(step: found) else {
      _ = goto(step: 0)
      return .atStart
    }
    // `hit` holds the breakpoint of the last hit seen while scanning, which is `found`'s.
    return hit.map(Stop.breakpoint) ?? .done
  }

  /// To an exact step, forwards or backwards.
  public mutating func goto(step target: Int) -> Stop {
    guard target >= 0 else { return .atStart }
    if target > machine.stepCount {
      while machine.stepCount < target {
        guard stepMachine() else { return .finished }
      }
      return .done
    }
    return restore(step: target) ? .done : .atStart
  }

  // MARK: - Breakpoints

  /// Adds a breakpoint and returns it.
  @discardableResult
  public mutating func addBreakpoint(_ kind: Breakpoint.Kind) -> Breakpoint {
    let breakpoint = Breakpoint(id: nextBreakpointID, kind: kind)
    nextBreakpointID += 1
    breakpoints.append(breakpoint)
    return breakpoint
  }

  /// Deletes a breakpoint by number; returns whether it existed.
  @discardableResult
  public mutating func deleteBreakpoint(_ id: Int) -> Bool {
    let before = breakpoints.count
    breakpoints.removeAll { $0.id == id }
    return breakpoints.count != before
  }

  /// Enables or disables a breakpoint; returns whether it existed.
  @discardableResult
  public mutating func setBreakpoint(_ id: Int, enabled: Bool) -> Bool {
    guard let index = breakpoints.firstIndex(where: { $0.id == id }) else { return false }
    breakpoints[index].enabled = enabled
    return true
  }

  // MARK: - Engine

  /// Steps the machine once and records it in the history.
  mutating func stepMachine() -> Bool {
    guard machine.step() else { return false }
    history.record(machine)
    return true
  }

  /// Replaces the machine with the exact state at an earlier step.
  mutating func restore(step: Int) -> Bool {
    guard let state = history.machine(atStep: step) else { return false }
    machine = state
    return true
  }
}
