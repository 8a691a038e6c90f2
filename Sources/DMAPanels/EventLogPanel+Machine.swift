import DMASim

extension EventLogPanelModel {
  /// The adapter: the newest `rows + scrollBack` entries of the machine's log.
  public init(machine: Machine, scrollBack: Int = 0, rows: Int = 256) {
    let back = max(0, scrollBack)
    let entries = machine.log.suffix(max(0, rows) + back).map {
      Entry(
        step: $0.step, source: Source($0.source), function: $0.function, message: $0.message)
    }
    self.init(entries: entries, currentStep: machine.stepCount, scrollBack: scrollBack)
  }
}

extension EventLogPanelModel.Source {
  /// The panel's source for a log entry's.
  init(_ source: LogEntry.Source) {
    switch source {
    case .kernel: self = .kernel
    case .hardware: self = .hardware
    case .debug: self = .debug
    case .narration: self = .narration
    }
  }
}

extension EventLogPanel {
  /// Creates the panel for a machine (builds the model with `EventLogPanelModel(machine:…)`).
  public init(context: PanelContext, scrollBack: Int = 0) {
    self.init(
      look: context.look,
      model: EventLogPanelModel(machine: context.machine, scrollBack: scrollBack))
  }
}
