import DMASim

extension NarrationPanelModel {
  /// The adapter: the machine's narration, and the statement the source pane's arrow marks
  /// (the call in progress, or the statement that begins next), an `ask` without its answer.
  public init(machine: Machine, finishedNote: String? = nil) {
    let status: Status
    if machine.stepCount > 0, let index = machine.nextStatementIndex,
      machine.program.actions.indices.contains(index),
      !machine.program.actions[index].text.isEmpty
    {
      let action = machine.program.actions[index]
      status = .running(line: action.line, text: Self.withoutAnswer(action))
    } else if machine.cpu.finished {
      status = .finished(note: finishedNote)
    } else {
      status = .ready
    }
    self.init(narrations: Self.narrations(of: machine), status: status)
  }

  /// A statement's text as the status row shows it: an `ask` ends before its answer.
  public static func withoutAnswer(_ action: Action) -> String {
    let text = action.text
    guard case .ask = action.operation,
      let answer = text.indices.first(where: { text[$0...].hasPrefix(" answer ") })
    else { return text }
    return String(text[..<answer])
  }

  /// What the narration area says: every `say` (and the `ask`) run in the step of the latest
  /// narration, in order, so two statements said together are both read; the latest
  /// narration alone when the log no longer holds its step.
  public static func narrations(of machine: Machine) -> [String] {
    guard let latest = machine.narration else { return [] }
    let entries = machine.log.suffix(min(machine.log.retainedCount, 512))
    guard
      let index = entries.lastIndex(where: {
        $0.source == .narration && ($0.function == "say" || $0.function == "ask")
      }), entries[index].message == latest
    else { return [latest] }
    let step = entries[index].step
    var texts: [String] = []
    for entry in entries[..<(index + 1)].reversed() {
      guard entry.step == step else { break }
      if entry.source == .narration, entry.function == "say" || entry.function == "ask" {
        texts.append(entry.message)
      }
    }
    return texts.reversed()
  }
}

extension NarrationPanel {
  /// Creates the panel for a machine (builds the model with `NarrationPanelModel(machine:…)`).
  public init(context: PanelContext, finishedNote: String? = nil) {
    self.init(
      look: context.look,
      model: NarrationPanelModel(machine: context.machine, finishedNote: finishedNote))
  }

  /// The narration of a machine (see `NarrationPanelModel.narrations(of:)`).
  public static func narrations(of machine: Machine) -> [String] {
    NarrationPanelModel.narrations(of: machine)
  }
}
