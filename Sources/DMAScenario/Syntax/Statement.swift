/// One statement of a scenario: a call (optionally assigned to a variable) or a directive.
public struct Statement: Hashable, Sendable {
  /// The two statement forms.
  public enum Kind: Hashable, Sendable {
    /// `[name =] callee(arguments)`. `calleeRange` covers the callee's name only.
    case call(
      assignTo: String?, callee: String, arguments: [Argument], calleeRange: SourceRange)
    /// `keyword arg arg …`, such as `run 100 ticks`. `keywordRange` covers the keyword only.
    case directive(keyword: String, arguments: [Expression], keywordRange: SourceRange)
  }

  /// What the statement is.
  public var kind: Kind
  /// Where the statement is written, from its first character to the end of its last token
  /// (spanning continuation lines, excluding any trailing comment).
  public var range: SourceRange

  /// Creates a statement.
  public init(kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}
