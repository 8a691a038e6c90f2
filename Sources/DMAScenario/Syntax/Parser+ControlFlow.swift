extension Parser {
  /// Parses a statement of the C-like driver subset that starts with `name`: `if`, `while`,
  /// `for`, `goto`, `return`, `break`, `continue`, a label, a declaration or function, or an
  /// assignment through `->`, `++`, `--`, `+=` or `-=`. Nil when `name` starts none of them.
  mutating func parseDriverStatement(_ name: String, _ first: Token) throws(ParseFailure)
    -> Statement?
  {
    let next = token(after: index).kind
    switch name {
    case "if": return try parseIf(first)
    case "while": return try parseWhile(first)
    case "for": return try parseFor(first)
    case "goto": return try parseGoto(first)
    case "return": return try parseReturn(first)
    case "break", "continue":
      advance()
      try expectEndOfStatement(after: "`\(name)`", hint: nil)
      return Statement(
        kind: name == "break" ? .breakStatement : .continueStatement, range: first.range)
    case "else":
      throw failure(
        "`else` without an `if`", at: first,
        hint: "`else` follows the statement or `}` of an `if (…)`")
    case "do", "switch":
      throw failure(
        "`\(name)` is not supported", at: first,
        hint: "write the loop with `while (…) { … }` or the choice with `if … else if …`")
    default: break
    }
    if next == .colon {
      advance()
      advance()
      return Statement(kind: .label(name), range: first.range)
    }
    if Parser.startsType(name, followedBy: next) {
      return try parseDeclaration(first)
    }
    switch next {
    case .arrow, .plusPlus, .minusMinus, .plusAssign, .minusAssign:
      let statement = try parseSimpleAssignment(first)
      try expectEndOfStatement(after: "the assignment", hint: nil)
      return statement
    case .dot where !isCallAhead():
      let statement = try parseSimpleAssignment(first)
      try expectEndOfStatement(after: "the assignment", hint: nil)
      return statement
    default:
      return nil
    }
  }

  /// `target op value` without its terminator: `i++`, `i += 2`, `d->callback = rx_done`.
  mutating func parseSimpleAssignment(_ first: Token) throws(ParseFailure) -> Statement {
    let target = try parsePostfix()
    let opToken = advance()
    let targetText = source.text(in: target.range)
    let one = Expression(kind: .integer(1), range: opToken.range)
    let op: AssignmentOperator
    switch opToken.kind {
    case .plusPlus:
      return Statement(
        kind: .assignment(target: target, op: .add, value: one),
        range: SourceRange(start: first.range.start, end: opToken.range.end))
    case .minusMinus:
      return Statement(
        kind: .assignment(target: target, op: .subtract, value: one),
        range: SourceRange(start: first.range.start, end: opToken.range.end))
    case .assign: op = .assign
    case .plusAssign: op = .add
    case .minusAssign: op = .subtract
    default:
      throw failure(
        "expected `=`, `+=`, `-=`, `++` or `--` after `\(targetText)`, found \(describe(opToken))",
        at: opToken, hint: "a field is set with `desc->callback = rx_done;`")
    }
    let upcoming = peek()
    if [.newline, .endOfFile, .semicolon].contains(upcoming.kind) {
      throw failure(
        "expected a value after `\(op.rawValue)`", at: opToken.range.end,
        hint: "for example `\(targetText) \(op.rawValue) 1`")
    }
    let value = try parseExpression()
    return Statement(
      kind: .assignment(target: target, op: op, value: value),
      range: SourceRange(start: first.range.start, end: value.range.end))
  }

  private mutating func parseIf(_ first: Token) throws(ParseFailure) -> Statement {
    advance()
    let condition = try parseCondition(after: "if")
    let then = try parseBody(of: "if (…)")
    var otherwise: [Statement]?
    var look = index
    while tokens[look].kind == .newline { look += 1 }
    if case .identifier("else") = tokens[look].kind {
      index = look
      let elseToken = advance()
      if case .identifier("if") = peek().kind {
        otherwise = [try parseIf(peek())]
      } else {
        _ = elseToken
        otherwise = try parseBody(of: "else")
      }
    }
    return Statement(
      kind: .ifElse(condition: condition, then: then, otherwise: otherwise),
      range: SourceRange(start: first.range.start, end: previousEnd))
  }

  private mutating func parseWhile(_ first: Token) throws(ParseFailure) -> Statement {
    advance()
    let condition = try parseCondition(after: "while")
    let body = try parseBody(of: "while (…)")
    return Statement(
      kind: .whileLoop(condition: condition, body: body),
      range: SourceRange(start: first.range.start, end: previousEnd))
  }

  private mutating func parseFor(_ first: Token) throws(ParseFailure) -> Statement {
    advance()
    let open = try openParen(after: "for", hint: "write `for (i = 0; i < n; i++) { … }`")
    var initializer: Statement?
    if peek().kind != .semicolon {
      let start = peek()
      if case .identifier(let name) = start.kind,
        Parser.startsType(name, followedBy: token(after: index).kind)
      {
        initializer = try parseDeclarator(type: try parseType(), start: start)
      } else {
        initializer = try parseSimpleAssignment(start)
      }
    }
    try expectForSeparator(open)
    let condition = peek().kind == .semicolon ? nil : try parseExpression()
    try expectForSeparator(open)
    let step = peek().kind == .rightParen ? nil : try parseSimpleAssignment(peek())
    guard peek().kind == .rightParen else {
      throw missingCloser(.parenthesis, open: open, found: peek())
    }
    advance()
    bracketDepth -= 1
    let body = try parseBody(of: "for (…)")
    return Statement(
      kind: .forLoop(initializer: initializer, condition: condition, step: step, body: body),
      range: SourceRange(start: first.range.start, end: previousEnd))
  }

  private mutating func expectForSeparator(_ open: Token) throws(ParseFailure) {
    guard peek().kind == .semicolon else {
      throw failure(
        "expected `;` in the `for` header opened at \(open.range.start), found \(describe(peek()))",
        at: peek(), hint: "a `for` header has three parts: `for (i = 0; i < n; i++)`")
    }
    advance()
  }

  private mutating func parseGoto(_ first: Token) throws(ParseFailure) -> Statement {
    advance()
    let label = peek()
    guard case .identifier(let name) = label.kind else {
      throw failure(
        "expected a label name after `goto`, found \(describe(label))", at: label,
        hint: "`goto err_unmap;` jumps to the line `err_unmap:`")
    }
    advance()
    try expectEndOfStatement(after: "`goto \(name)`", hint: nil)
    return Statement(
      kind: .goto(label: name, labelRange: label.range),
      range: SourceRange(start: first.range.start, end: label.range.end))
  }

  private mutating func parseReturn(_ first: Token) throws(ParseFailure) -> Statement {
    advance()
    var value: Expression?
    if ![.newline, .endOfFile, .semicolon, .rightBrace].contains(peek().kind) {
      value = try parseExpression()
    }
    try expectEndOfStatement(after: "the `return`", hint: nil)
    return Statement(
      kind: .returnStatement(value),
      range: SourceRange(start: first.range.start, end: value?.range.end ?? first.range.end))
  }

  /// The `(` after `if`, `while` or `for`, counted as an open bracket; its token, for the
  /// errors that name where it was opened.
  private mutating func openParen(after keyword: String, hint: String) throws(ParseFailure)
    -> Token
  {
    let open = peek()
    guard open.kind == .leftParen else {
      throw failure(
        "expected `(` after `\(keyword)`, found \(describe(open))", at: open, hint: hint)
    }
    advance()
    bracketDepth += 1
    return open
  }

  /// `(condition)` after `if` or `while`.
  private mutating func parseCondition(after keyword: String) throws(ParseFailure) -> Expression {
    let open = try openParen(
      after: keyword, hint: "write the condition in parentheses: `\(keyword) (ret < 0) …`")
    if peek().kind == .rightParen {
      throw failure(
        "empty condition in `\(keyword) ()`", at: peek(),
        hint: "write what to test, such as `\(keyword) (!chan)` or `\(keyword) (i < n)`")
    }
    let condition = try parseExpression()
    guard peek().kind == .rightParen else {
      throw missingCloser(.parenthesis, open: open, found: peek())
    }
    advance()
    bracketDepth -= 1
    return condition
  }

  /// The body after `if (…)`, `else`, a loop header or a function's parameters: a `{ … }`
  /// block (possibly on the next line) or one statement.
  mutating func parseBody(of owner: String) throws(ParseFailure) -> [Statement] {
    var look = index
    while tokens[look].kind == .newline { look += 1 }
    if tokens[look].kind == .leftBrace {
      index = look
      return try parseBlock()
    }
    let next = tokens[look]
    if [.endOfFile, .rightBrace, .semicolon].contains(next.kind) {
      throw failure(
        "expected a statement or `{` after `\(owner)`, found \(describe(next))", at: next,
        hint: "write the body in braces: `\(owner) { … }`")
    }
    index = look
    statementCount += 1
    return [try parseStatement()]
  }

  /// `{ statements }`, with the `{` next.
  mutating func parseBlock() throws(ParseFailure) -> [Statement] {
    let open = advance()
    blockDepth += 1
    defer { blockDepth -= 1 }
    if blockDepth > limits.maxNestingDepth {
      throw failure(
        "blocks are nested too deeply (the limit is \(limits.maxNestingDepth) levels)", at: open,
        hint: "move the inner part into a function")
    }
    let savedStart = statementStart
    let savedColumn = statementColumn
    let body = parseStatementList(insideBlock: true)
    statementStart = savedStart
    statementColumn = savedColumn
    guard peek().kind == .rightBrace else {
      throw failure(
        "expected `}` to close the block opened at \(open.range.start)", at: previousEnd,
        hint: "add the missing `}`")
    }
    advance()
    return body
  }
}
