/// Steps through an analysed trace: one event a step, forward and back, continue to a
/// breakpoint either way, find. The current state is always `analysis.state(after: step)`.
public struct TraceDebugger: Sendable {
  /// The trace.
  public let analysis: TraceAnalysis
  /// Events applied (0: before the first event).
  public private(set) var step = 0
  /// The state after `step` events.
  public private(set) var state = TraceState()
  /// Breakpoints, in the order set.
  public var breakpoints: [TraceBreakpoint] = []

  /// Starts before the first event.
  public init(analysis: TraceAnalysis) { self.analysis = analysis }

  /// The number of events.
  public var count: Int { analysis.events.count }

  /// The event applied last (the current one), if any.
  public var currentIndex: Int? { step > 0 ? step - 1 : nil }

  /// Applies the next event; false at the end.
  @discardableResult
  public mutating func stepForward() -> Bool {
    guard step < count else { return false }
    state.apply(analysis.events[step], index: step)
    step += 1
    return true
  }

  /// Goes back one event (replaying from the nearest checkpoint); false at the start.
  @discardableResult
  public mutating func stepBack() -> Bool {
    guard step > 0 else { return false }
    goto(step - 1)
    return true
  }

  /// Moves to the state after `target` events (clamped).
  public mutating func goto(_ target: Int) {
    let clamped = min(max(0, target), count)
    if clamped >= step, clamped - step <= analysis.checkpointInterval {
      while step < clamped { stepForward() }
    } else {
      state = analysis.state(after: clamped)
      step = clamped
    }
  }

  /// The breakpoint the event at `index` hits, if any.
  public func hit(at index: Int) -> TraceBreakpoint? {
    let event = analysis.events[index]
    return breakpoints.first { $0.matches(event, index: index, in: analysis) }
  }

  /// Runs forward to the next event a breakpoint matches (it becomes the current event) or the
  /// end; returns the breakpoint hit.
  @discardableResult
  public mutating func continueForward() -> TraceBreakpoint? {
    var index = step
    while index < count {
      if let hit = hit(at: index) {
        goto(index + 1)
        return hit
      }
      index += 1
    }
    goto(count)
    return nil
  }

  /// Runs back to the latest earlier event a breakpoint matches, or the start.
  @discardableResult
  public mutating func continueBack() -> TraceBreakpoint? {
    var index = step - 2
    while index >= 0 {
      if let hit = hit(at: index) {
        goto(index + 1)
        return hit
      }
      index -= 1
    }
    goto(0)
    return nil
  }

  /// The next event after the current one (wrapping) that `/TEXT` finds, if any.
  public func find(_ text: String, backward: Bool = false) -> Int? {
    guard count > 0 else { return nil }
    let start = currentIndex ?? (backward ? 0 : -1)
    for offset in 1...count {
      let index = ((backward ? start - offset : start + offset) % count + count) % count
      if TraceQuery.matches(analysis.events[index], text) { return index }
    }
    return nil
  }
}
