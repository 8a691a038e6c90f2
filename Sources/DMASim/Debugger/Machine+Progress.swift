extension Machine {
  /// The actions that began since the program counter was `earlier` (narration included).
  public func actionsBegun(since earlier: Int) -> [Action] {
    guard cpu.programCounter > earlier else { return [] }
    let range = max(0, earlier)..<min(cpu.programCounter, program.actions.count)
    return Array(program.actions[range])
  }

  /// The actions that began between `earlier` and this state (narration included).
  public func actionsBegun(since earlier: Machine) -> [Action] {
    actionsBegun(since: earlier.cpu.programCounter)
  }

  /// The log entries written by the last step.
  public var entriesOfLastStep: [LogEntry] {
    var result: [LogEntry] = []
    var limit = 8
    while true {
      let tail = log.suffix(limit)
      let fromThisStep = tail.reversed().prefix { $0.step == stepCount }
      if fromThisStep.count < tail.count || tail.count < limit {
        result = fromThisStep.reversed()
        break
      }
      limit *= 4
    }
    return result
  }

  /// Whether any DMA transfer is under way: a descriptor issued, running, or completed with its
  /// callback still pending.
  public var transferInFlight: Bool {
    engine.controllers.contains { controller in
      controller.virtualChannels.contains { channel in
        channel.active != nil || !channel.issued.isEmpty || !channel.completed.isEmpty
          || channel.taskletScheduled
      }
    }
  }
}

extension Machine {
  /// The action the next CPU event runs: the call still in progress, or the statement that
  /// begins next (a `say` or `expect` included); nil once the program is done. The source pane
  /// marks its line, as gdb marks the line it will execute next.
  public var nextStatementIndex: Int? {
    guard !cpu.finished else { return nil }
    let index = cpu.pending.isEmpty ? cpu.programCounter : cpu.currentAction
    guard let index, program.actions.indices.contains(index) else { return nil }
    return index
  }
}
