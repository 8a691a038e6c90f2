/// An expression in a scenario, such as `DMA_PREP_INTERRUPT | DMA_CTRL_ACK` or
/// `cache.line(buf, 0).state`.
public struct Expression: Hashable, Sendable {
  /// The shape of an expression.
  public indirect enum Kind: Hashable, Sendable {
    /// An integer literal, with any size suffix already applied (`4K` is 4096).
    case integer(UInt64)
    /// A string literal, with escapes already decoded.
    case string(String)
    /// A bare name, such as `buf` or `DMA_TO_DEVICE`.
    case identifier(String)
    /// A call. The callee is a name or a dotted path of names, such as `"complete"` or
    /// `"cache.line"`.
    case call(callee: String, arguments: [Argument])
    /// Member access: `base.name`.
    case member(base: Expression, name: String)
    /// Subscript: `base[index]`.
    case index(base: Expression, index: Expression)
    /// An infix operation.
    case binary(op: BinaryOperator, lhs: Expression, rhs: Expression)
    /// A prefix operation.
    case unary(op: UnaryOperator, operand: Expression)
    /// A list literal: `[a, b, c]`.
    case list([Expression])
  }

  /// What the expression is.
  public var kind: Kind
  /// Where the expression is written; a parenthesised expression's range includes the
  /// parentheses.
  public var range: SourceRange

  /// Creates an expression.
  public init(kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}
