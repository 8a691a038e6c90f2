/// The syntax tree of one scenario file.
public struct ScenarioSyntax: Hashable, Sendable {
  /// The file name used in diagnostics, such as `lesson.dms`.
  public var fileName: String
  /// The statements, in source order. Statements containing errors are left out.
  public var statements: [Statement]
  /// The source split into lines (without line terminators), kept for later diagnostics.
  /// A final line terminator does not start an extra empty line.
  public var lines: [String]

  /// Creates a syntax tree.
  public init(fileName: String, statements: [Statement], lines: [String]) {
    self.fileName = fileName
    self.statements = statements
    self.lines = lines
  }
}
