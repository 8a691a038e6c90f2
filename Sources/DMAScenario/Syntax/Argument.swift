/// One argument of a call: `expr` or `label = expr`.
public struct Argument: Hashable, Sendable {
  /// The label before `=`, or `nil` for a positional argument.
  public var label: String?
  /// The argument's value.
  public var value: Expression
  /// Where the whole argument, label included, is written.
  public var range: SourceRange

  /// Creates an argument.
  public init(label: String?, value: Expression, range: SourceRange) {
    self.label = label
    self.value = value
    self.range = range
  }
}
