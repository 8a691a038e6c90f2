/// What `ScenarioParser.parse` produces: the syntax tree plus every diagnostic found.
public struct ParseResult: Hashable, Sendable {
  /// The statements that parsed cleanly, and the source lines.
  public var syntax: ScenarioSyntax
  /// All errors and warnings, in source order.
  public var diagnostics: [Diagnostic]

  /// Creates a parse result.
  public init(syntax: ScenarioSyntax, diagnostics: [Diagnostic]) {
    self.syntax = syntax
    self.diagnostics = diagnostics
  }

  /// Whether any diagnostic is an error (warnings alone do not count).
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
