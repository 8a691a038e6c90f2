import DMASim

extension StatusBarModel {
  /// The adapter: the bar's figures read from the machine.
  public init(
    machine: Machine, title: String, running: Bool, speed: Int, message: String?,
    lecture: Bool = false
  ) {
    self.init(
      title: title, running: running, speed: speed, lecture: lecture, message: message,
      finished: machine.isFinished, step: machine.stepCount, tick: machine.clock)
  }
}

extension StatusBar {
  /// Creates the bar for a machine (builds the model with `StatusBarModel(machine:…)`).
  public init(
    context: PanelContext, title: String, running: Bool, speed: Int, message: String?,
    lecture: Bool = false
  ) {
    self.init(
      look: context.look,
      model: StatusBarModel(
        machine: context.machine, title: title, running: running, speed: speed, message: message,
        lecture: lecture))
  }
}
