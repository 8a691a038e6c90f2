/// A prefix operator of the scenario expression language.
public enum UnaryOperator: Hashable, Sendable, CaseIterable {
  /// `-`: arithmetic negation.
  case negate
  /// `!`: logical NOT.
  case logicalNot
  /// `&`: the address of a variable (`&done`, `&handle`).
  case addressOf

  /// The operator as written in scenario source, for example `"-"`.
  public var symbol: String {
    switch self {
    case .negate: "-"
    case .logicalNot: "!"
    case .addressOf: "&"
    }
  }
}
