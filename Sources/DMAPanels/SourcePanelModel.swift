/// What the source panel shows: the scenario's lines and the one about to run.
public struct SourcePanelModel: Hashable, Sendable {
  /// The scenario's source, one string per line.
  public var sourceLines: [String]
  /// The 1-based line of the statement the next CPU event runs, nil after the last (a line
  /// outside `sourceLines` marks nothing).
  public var currentLine: Int?
  /// Whether the program has finished (the panel then shows the end of the file).
  public var finished: Bool

  /// Creates a model.
  public init(sourceLines: [String], currentLine: Int?, finished: Bool = false) {
    self.sourceLines = sourceLines
    self.currentLine = currentLine
    self.finished = finished
  }
}
