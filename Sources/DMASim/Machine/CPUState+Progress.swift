extension CPUState {
  /// The action the CPU is in, or the one its next event begins (statements that cost no step
  /// skipped); nil at the end of `program`.
  public func upcomingActionIndex(in program: Program) -> Int? {
    if !pending.isEmpty { return currentAction }
    var index = programCounter
    while index < program.actions.count, program.actions[index].operation.costsNoStep {
      index += 1
    }
    return index < program.actions.count ? index : nil
  }

  /// The action the next CPU event runs: the call still in progress, or the statement that
  /// begins next (a `say` or `expect` included); nil once `program` is done. The source pane
  /// marks its line, as gdb marks the line it will execute next.
  public func nextStatementIndex(in program: Program) -> Int? {
    guard !finished else { return nil }
    let index = pending.isEmpty ? programCounter : currentAction
    guard let index, program.actions.indices.contains(index) else { return nil }
    return index
  }
}
