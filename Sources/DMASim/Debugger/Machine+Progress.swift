extension Machine {
  /// The actions that began between `earlier` and this state (narration included).
  public func actionsBegun(since earlier: Machine) -> [Action] {
    guard cpu.programCounter > earlier.cpu.programCounter else { return [] }
    let range = earlier.cpu.programCounter..<min(cpu.programCounter, program.actions.count)
    return Array(program.actions[range])
  }

  /// Whether the last step began a new scenario statement.
  public func beganStatement(since earlier: Machine) -> Bool {
    cpu.programCounter > earlier.cpu.programCounter
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
    controllers.contains { controller in
      controller.virtualChannels.contains { channel in
        channel.active != nil || !channel.issued.isEmpty || !channel.completed.isEmpty
          || channel.taskletScheduled
      }
    }
  }
}
