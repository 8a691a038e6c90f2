/// An infix operator of the scenario expression language.
public enum BinaryOperator: Hashable, Sendable, CaseIterable {
  /// `||`: logical OR, the loosest binding operator.
  case logicalOr
  /// `&&`: logical AND.
  case logicalAnd
  /// `==`: equality.
  case equal
  /// `!=`: inequality.
  case notEqual
  /// `<`: less than.
  case less
  /// `<=`: less than or equal.
  case lessOrEqual
  /// `>`: greater than.
  case greater
  /// `>=`: greater than or equal.
  case greaterOrEqual
  /// `|`: bitwise OR, used to combine flags such as `DMA_PREP_INTERRUPT | DMA_CTRL_ACK`.
  case bitwiseOr
  /// `+`: addition.
  case add
  /// `-`: subtraction.
  case subtract
  /// `*`: multiplication.
  case multiply
  /// `/`: division.
  case divide

  /// The operator as written in scenario source, for example `"=="`.
  public var symbol: String {
    switch self {
    case .logicalOr: "||"
    case .logicalAnd: "&&"
    case .equal: "=="
    case .notEqual: "!="
    case .less: "<"
    case .lessOrEqual: "<="
    case .greater: ">"
    case .greaterOrEqual: ">="
    case .bitwiseOr: "|"
    case .add: "+"
    case .subtract: "-"
    case .multiply: "*"
    case .divide: "/"
    }
  }

  /// Binding strength: a larger number binds tighter.
  var precedence: Int {
    switch self {
    case .logicalOr: 1
    case .logicalAnd: 2
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 3
    case .bitwiseOr: 4
    case .add, .subtract: 5
    case .multiply, .divide: 6
    }
  }

  /// Whether this is one of the six comparison operators, which cannot be chained.
  var isComparison: Bool { precedence == 3 }
}
