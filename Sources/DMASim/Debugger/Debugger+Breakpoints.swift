extension Debugger {
  /// Adds a breakpoint and returns it.
  @discardableResult
  public mutating func addBreakpoint(
    _ kind: Breakpoint.Kind, temporary: Bool = false, condition: BreakCondition? = nil
  ) -> Breakpoint {
    var breakpoint = Breakpoint(id: nextBreakpointID, kind: kind, temporary: temporary)
    breakpoint.condition = condition
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

  /// `:condition N EXPR` (nil removes it); returns whether the breakpoint exists.
  @discardableResult
  public mutating func setCondition(_ id: Int, _ condition: BreakCondition?) -> Bool {
    guard let index = breakpoints.firstIndex(where: { $0.id == id }) else { return false }
    breakpoints[index].condition = condition
    return true
  }

  /// `:ignore N COUNT`: the next COUNT hits pass; returns whether the breakpoint exists.
  @discardableResult
  public mutating func setIgnoreCount(_ id: Int, _ count: Int) -> Bool {
    guard let index = breakpoints.firstIndex(where: { $0.id == id }) else { return false }
    breakpoints[index].ignoreCount = max(0, count)
    return true
  }

  /// How many times a breakpoint was hit going forward.
  public func hits(of id: Int) -> Int { hitCounts[id] ?? 0 }
}
