extension Parser {
  /// Parses a full expression, including comparisons and logical operators.
  mutating func parseExpression() throws(ParseFailure) -> Expression {
    try parseBinary(minimumPrecedence: 1)
  }

  /// Precedence climbing: parses operators binding at least as tightly as
  /// `minimumPrecedence`. Chains are built in a loop, so long chains do not recurse.
  private mutating func parseBinary(minimumPrecedence: Int) throws(ParseFailure) -> Expression {
    var lhs = try parseUnary()
    var chain = 0
    var previousComparison: Token?
    if peek().kind == .ampersand {
      throw failure(
        "bitwise `&` is not supported", at: peek(),
        hint: "use `&&` for logical AND; flags are combined with `|`")
    }
    while let op = Parser.binaryOperator(for: peek().kind), op.precedence >= minimumPrecedence {
      let opToken = advance()
      if op.isComparison, let previous = previousComparison {
        throw failure(
          "comparison operators cannot be chained", at: opToken,
          hint: "combine comparisons with `&&`, e.g. `a \(source.text(in: previous.range)) b && "
            + "b \(op.symbol) c`")
      }
      try enterNesting(at: opToken)
      chain += 1
      let rhs = try parseBinary(minimumPrecedence: op.precedence + 1)
      lhs = Expression(
        kind: .binary(op: op, lhs: lhs, rhs: rhs),
        range: SourceRange(start: lhs.range.start, end: rhs.range.end))
      previousComparison = op.isComparison ? opToken : nil
    }
    depth -= chain
    return lhs
  }

  private mutating func parseUnary() throws(ParseFailure) -> Expression {
    let token = peek()
    let op: UnaryOperator
    switch token.kind {
    case .minus: op = .negate
    case .bang: op = .logicalNot
    case .ampersand: op = .addressOf
    default: return try parsePostfix()
    }
    advance()
    try enterNesting(at: token)
    let operand = try parseUnary()
    depth -= 1
    return Expression(
      kind: .unary(op: op, operand: operand),
      range: SourceRange(start: token.range.start, end: operand.range.end))
  }

  mutating func parsePostfix() throws(ParseFailure) -> Expression {
    var expression = try parsePrimary()
    var chain = 0
    while true {
      let token = peek()
      switch token.kind {
      case .dot, .arrow:
        advance()
        let nameToken = peek()
        guard case .identifier(let name) = nameToken.kind else {
          var hint: String?
          if case .integer = expression.kind, case .integer = nameToken.kind {
            hint = "fractional numbers are not supported; use whole numbers"
          }
          throw failure(
            "expected a member name after `\(source.text(in: token.range))`, found "
              + describe(nameToken), at: nameToken, hint: hint)
        }
        advance()
        expression = Expression(
          kind: .member(base: expression, name: name),
          range: SourceRange(start: expression.range.start, end: previousEnd))
      case .leftParen:
        guard let callee = Parser.calleeName(of: expression) else {
          throw failure(
            "only a name can be called", at: token,
            hint: "call a function by name, like `complete(cookie)` or `cache.line(buf, 0)`")
        }
        advance()
        let arguments = try parseArguments(callee: callee, open: token)
        expression = Expression(
          kind: .call(callee: callee, arguments: arguments),
          range: SourceRange(start: expression.range.start, end: previousEnd))
      case .leftBracket:
        advance()
        try enterNesting(at: token)
        bracketDepth += 1
        let index = try parseExpression()
        guard peek().kind == .rightBracket else {
          throw missingCloser(.index, open: token, found: peek())
        }
        advance()
        bracketDepth -= 1
        depth -= 1
        expression = Expression(
          kind: .index(base: expression, index: index),
          range: SourceRange(start: expression.range.start, end: previousEnd))
      default:
        depth -= chain
        return expression
      }
      try enterNesting(at: token)
      chain += 1
    }
  }

  private mutating func parsePrimary() throws(ParseFailure) -> Expression {
    let token = peek()
    switch token.kind {
    case .integer(let value):
      advance()
      return Expression(kind: .integer(value), range: token.range)
    case .string(let value):
      advance()
      return Expression(kind: .string(value), range: token.range)
    case .identifier(let name):
      advance()
      return Expression(kind: .identifier(name), range: token.range)
    case .leftParen:
      advance()
      try enterNesting(at: token)
      bracketDepth += 1
      let inner = try parseExpression()
      guard peek().kind == .rightParen else {
        throw missingCloser(.parenthesis, open: token, found: peek())
      }
      advance()
      bracketDepth -= 1
      depth -= 1
      return Expression(
        kind: inner.kind, range: SourceRange(start: token.range.start, end: previousEnd))
    case .leftBracket:
      advance()
      return try parseList(open: token)
    case .invalid:
      throw .silent
    default:
      throw failure("expected an expression, found \(describe(token))", at: token)
    }
  }

  /// The dotted name a call expression may use as its callee (`f`, `cache.line`), if any.
  private static func calleeName(of expression: Expression) -> String? {
    switch expression.kind {
    case .identifier(let name):
      return name
    case .member(let base, let name):
      return calleeName(of: base).map { "\($0).\(name)" }
    default:
      return nil
    }
  }

  private static func binaryOperator(for kind: Token.Kind) -> BinaryOperator? {
    switch kind {
    case .pipePipe: .logicalOr
    case .ampersandAmpersand: .logicalAnd
    case .equalEqual: .equal
    case .bangEqual: .notEqual
    case .less: .less
    case .lessEqual: .lessOrEqual
    case .greater: .greater
    case .greaterEqual: .greaterOrEqual
    case .pipe: .bitwiseOr
    case .plus: .add
    case .minus: .subtract
    case .star: .multiply
    case .slash: .divide
    default: nil
    }
  }
}
