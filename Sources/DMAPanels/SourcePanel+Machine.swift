import DMASim

extension SourcePanelModel {
  /// The adapter: the line of the call still in progress, or of the statement that begins
  /// next.
  public init(machine: Machine, sourceLines: [String]) {
    let line = machine.nextStatementIndex.map { machine.program.actions[$0].line }
    self.init(sourceLines: sourceLines, currentLine: line, finished: machine.cpu.finished)
  }
}

extension SourcePanel {
  /// Creates the panel for a machine (builds the model with `SourcePanelModel(machine:…)`).
  public init(context: PanelContext, sourceLines: [String]) {
    self.init(
      look: context.look,
      model: SourcePanelModel(machine: context.machine, sourceLines: sourceLines))
  }
}
