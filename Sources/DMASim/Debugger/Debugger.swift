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
    /// `finish` with no transfer in flight: nothing was run.
    case nothingInFlight
  }

  /// The current state.
  public internal(set) var machine: Machine
  /// Checkpoints for going back.
  public internal(set) var history: History
  /// Breakpoints and watchpoints, in the order they were set.
  public internal(set) var breakpoints: [Breakpoint] = []
  /// How many times each breakpoint (by number) was hit going forward, ignored hits included.
  public internal(set) var hitCounts: [Int: Int] = [:]
  /// What the latest breakpoint stop saw: for a watchpoint, who accessed which bytes with the
  /// old and new values; for a function or line, where it stopped.
  public internal(set) var lastHitDetail: String?
  /// Whether reverse commands skip segments whose summary cannot hold a stop (on by
  /// default; `bench` turns it off to time the plain replay beside it).
  public var usesSegmentSummaries = true
  var nextBreakpointID = 1

  /// The most steps one forward command runs before giving control back.
  public static let commandStepLimit = 5_000_000

  /// Starts debugging a machine; its history's checkpoints stay within `historyByteBudget`.
  public init(
    machine: Machine, checkpointInterval: Int = 64, checkpointCapacity: Int = 512,
    historyByteBudget: Int = History.defaultByteBudget
  ) {
    self.machine = machine
    history = History(
      initial: machine, interval: checkpointInterval, capacity: checkpointCapacity,
      byteBudget: historyByteBudget)
  }

  // MARK: - Forward

  /// One simulation event.
  public mutating func step() -> Stop { advance { _, _ in true } }

  /// Until the next scenario statement begins.
  public mutating func next() -> Stop {
    advance { $1.cpu.programCounter > $0.programCounter }
  }

  /// Until the transfer in flight completes; with none, nothing runs (`.nothingInFlight`).
  public mutating func finish() -> Stop {
    guard machine.transferInFlight else { return .nothingInFlight }
    return advance { _, after in !after.transferInFlight }
  }

  /// Until a breakpoint, a `pause` or the end.
  public mutating func continueForward() -> Stop { advance { _, _ in false } }

  /// To the last step: runs to the end of the scenario, past breakpoints and pauses (at most
  /// `commandStepLimit` steps).
  public mutating func gotoEnd() -> Stop {
    for _ in 0..<Self.commandStepLimit {
      let probe = StepProbe(machine)
      guard stepMachine(after: probe) else { return .finished }
    }
    return .limit
  }

  // MARK: - Backward

  /// Back one event.
  public mutating func stepBack() -> Stop { goto(step: machine.stepCount - 1) }

  /// Back to the step where the latest earlier statement began, or an earlier `pause`.
  public mutating func reverseNext() -> Stop {
    back(to: .statementBegins)
  }

  /// Back to where the transfer in flight started (or an earlier `pause`); with none, like
  /// `reverseNext`.
  public mutating func reverseFinish() -> Stop {
    guard machine.transferInFlight else { return reverseNext() }
    return back(to: .transferStarts)
  }

  /// Back to the latest earlier breakpoint stop or `pause`, or to step 0. Function and line
  /// breakpoints stop before the call, as going forward does.
  public mutating func reverseContinue() -> Stop {
    guard machine.stepCount > 0 else { return .atStart }
    guard let found = scanBack(from: machine.stepCount, goal: nil) else {
      _ = goto(step: 0)
      return .atStart
    }
    return land(on: found)
  }

  /// To an exact step, forwards or backwards.
  public mutating func goto(step target: Int) -> Stop {
    guard target >= 0 else { return .atStart }
    if target > machine.stepCount {
      while machine.stepCount < target {
        let probe = StepProbe(machine)
        guard stepMachine(after: probe) else { return .finished }
      }
      return .done
    }
    return restore(step: target) ? .done : .atStart
  }
}
