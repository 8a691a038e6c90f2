extension Parser {
  /// Parses one statement: a call, an assignment of a call, or a directive.
  mutating func parseStatement() throws(ParseFailure) -> Statement {
    let first = peek()
    guard case .identifier(let name) = first.kind else {
      throw failure(
        "expected a statement, found \(describe(first))", at: first,
        hint: "a statement is a call such as `kfree(buf)` or a directive such as `say \"…\"`")
    }
    if let statement = try parseDriverStatement(name, first) {
      return statement
    }
    if token(after: index).kind == .assign {
      return try parseAssignment(target: name, start: first)
    }
    if isCallAhead() {
      return try parseCall(assignTo: nil, start: first)
    }
    return try parseDirective(keyword: name, start: first)
  }

  /// Whether the tokens ahead are `name(.name)* (`, the start of a call.
  func isCallAhead() -> Bool {
    guard case .identifier = tokens[index].kind else { return false }
    var position = index + 1
    while tokens[position].kind == .dot, case .identifier = tokens[position + 1].kind {
      position += 2
    }
    return tokens[position].kind == .leftParen
  }

  private mutating func parseAssignment(target: String, start: Token) throws(ParseFailure)
    -> Statement
  {
    advance()
    let equals = advance()
    let next = peek()
    if next.kind == .newline || next.kind == .endOfFile {
      throw failure(
        "expected a function call after `=`", at: equals.range.end,
        hint: "assignments store the result of a call, e.g. `buf = kmalloc(128, GFP_KERNEL)`")
    }
    if next.kind == .invalid { throw .silent }
    if isCallAhead() {
      return try parseCall(assignTo: target, start: start)
    }
    // `i = 0`, `ret = -ENODEV`, `p = buf`: the lowering checks what may be assigned.
    let value = try parseExpression()
    let target = Expression(kind: .identifier(target), range: start.range)
    try expectEndOfStatement(
      after: "the assignment to `\(source.text(in: start.range))`", hint: nil)
    return Statement(
      kind: .assignment(target: target, op: .assign, value: value),
      range: SourceRange(start: start.range.start, end: value.range.end))
  }

  /// Columns from the token at `position` to the end of the last token on the same line.
  private func lengthOfRestOfLine(from position: Int) -> Int {
    let start = tokens[position].range.start
    var end = tokens[position].range.end
    var cursor = position
    while tokens[cursor].kind != .newline, tokens[cursor].kind != .endOfFile,
      tokens[cursor].range.end.line == start.line
    {
      end = tokens[cursor].range.end
      cursor += 1
    }
    return end.column - start.column
  }

  mutating func parseCall(assignTo: String?, start: Token) throws(ParseFailure)
    -> Statement
  {
    let calleeToken = advance()
    var callee = ""
    if case .identifier(let name) = calleeToken.kind {
      callee = name
    }
    while peek().kind == .dot, case .identifier(let part) = token(after: index).kind {
      advance()
      advance()
      callee += "." + part
    }
    let calleeRange = SourceRange(start: calleeToken.range.start, end: previousEnd)
    let open = advance()
    let arguments = try parseArguments(callee: callee, open: open)
    let range = SourceRange(start: start.range.start, end: previousEnd)
    var hint: String?
    if assignTo == nil, open.range.start != calleeRange.end {
      hint =
        "a name followed by `(` starts a call; if `\(callee)` is a directive, "
        + "its first argument cannot start with `(`"
    }
    try expectEndOfStatement(after: "the call to `\(callee)`", hint: hint)
    return Statement(
      kind: .call(
        assignTo: assignTo, callee: callee, arguments: arguments, calleeRange: calleeRange),
      range: range)
  }

  private mutating func parseDirective(keyword: String, start: Token) throws(ParseFailure)
    -> Statement
  {
    let keywordToken = advance()
    var arguments: [Expression] = []
    while true {
      let token = peek()
      if [.newline, .endOfFile, .semicolon, .rightBrace].contains(token.kind) {
        let range = SourceRange(start: start.range.start, end: previousEnd)
        if token.kind != .rightBrace { advance() }
        return Statement(
          kind: .directive(
            keyword: keyword, arguments: arguments, keywordRange: keywordToken.range),
          range: range)
      }
      guard token.canStartExpression else {
        throw unexpectedInDirective(token, keyword: keyword, isFirst: arguments.isEmpty)
      }
      if keyword == "kernel", let version = kernelRelease() {
        arguments.append(version)
        continue
      }
      var argument = try parseExpression()
      if Self.optionDirectives.contains(keyword) || !KernelFunctions.directives.contains(keyword),
        case .identifier = argument.kind,
        peek().kind == .assign
      {
        // `cache size=32K`: an option, kept as `size == 32K` for the lowering to read.
        advance()
        let value = try parseExpression()
        argument = Expression(
          kind: .binary(op: .equal, lhs: argument, rhs: value),
          range: SourceRange(start: argument.range.start, end: value.range.end))
      }
      arguments.append(argument)
    }
  }

  /// `kernel 6.1`: a release number `MAJOR.MINOR` (which would otherwise read as a member
  /// access on a number), taken as the string `"6.1"`; nil when the next tokens are not one.
  private mutating func kernelRelease() -> Expression? {
    guard index + 2 < tokens.count, case .integer = tokens[index].kind,
      tokens[index + 1].kind == .dot, case .integer = tokens[index + 2].kind
    else { return nil }
    let first = advance()
    advance()
    let last = advance()
    let range = SourceRange(start: first.range.start, end: last.range.end)
    return Expression(kind: .string(source.text(in: range)), range: range)
  }

  /// Directives whose arguments may be `name=value` options (board overrides). Unknown
  /// keywords take them too, so a misspelt `cahce size=32K` gets a suggestion, not a `=` error.
  static let optionDirectives: Set<String> = ["cache", "device"]

  private func unexpectedInDirective(_ token: Token, keyword: String, isFirst: Bool)
    -> ParseFailure
  {
    let found = describe(token)
    switch token.kind {
    case .comma:
      return failure(
        "unexpected `,` in the arguments of `\(keyword)`", at: token,
        hint: "directive arguments are separated by spaces, not commas")
    case .assign:
      return failure(
        "unexpected `=` in the arguments of `\(keyword)`", at: token,
        hint: "use `==` to compare; `=` only assigns a call's result at the start of a line")
    case .rightParen, .rightBracket:
      return failure("unexpected \(found) with nothing open to close", at: token)
    case .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual:
      guard isFirst else { break }
      return failure(
        "expected an argument after `\(keyword)`, found \(found)", at: token,
        hint: "to check a condition, write `expect \(keyword) \(source.text(in: token.range)) …`")
    case .dot:
      guard isFirst else { break }
      return failure(
        "unexpected `.` after `\(keyword)`", at: token,
        hint: "a statement is a call such as `cache.flush(buf)` or a directive such as `say \"…\"`")
    default:
      break
    }
    return failure("unexpected \(found) in the arguments of `\(keyword)`", at: token)
  }

  /// Consumes the newline or `;` ending a statement (a `}` closing the block also ends it,
  /// and stays for the block), or fails if something else follows.
  mutating func expectEndOfStatement(after context: String, hint: String?)
    throws(ParseFailure)
  {
    let token = peek()
    switch token.kind {
    case .newline, .semicolon:
      advance()
    case .endOfFile, .rightBrace:
      return
    default:
      throw failure(
        "unexpected \(describe(token)) after \(context)", at: token,
        hint: hint ?? "a statement ends at the end of its line or at `;`")
    }
  }
}
