import DMASim

extension EventLogPanelModel {
  /// The adapter: the newest `rows + scrollBack` entries of the machine's log that `shows`
  /// keeps (looking back through at most 16 times as many, so a filter that hides most
  /// entries still fills the panel without reading the whole log).
  public init(
    machine: Machine, scrollBack: Int = 0, rows: Int = 256,
    shows: (LogEntry) -> Bool = { _ in true }
  ) {
    let back = max(0, scrollBack)
    let wanted = max(0, rows) + back
    let window = machine.log.suffix(min(machine.log.retainedCount, wanted * 16))
    let entries = window.filter(shows).suffix(wanted).map {
      // A message of several kernel lines (dma-debug's `[count=2]` then `One of leaked
      // entries`) reads as one entry: each line break becomes a space, not a `?` cell.
      Entry(
        step: $0.step, source: Source($0.source), function: $0.function,
        message: $0.message.split(separator: "\n", omittingEmptySubsequences: false)
          .joined(separator: " "))
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
