extension Parser {
  /// Parses call arguments after the opening `(` (already consumed) through the closing `)`.
  /// A trailing comma is allowed; an empty argument is not.
  mutating func parseArguments(callee: String, open: Token) throws(ParseFailure) -> [Argument] {
    try enterNesting(at: open)
    bracketDepth += 1
    let context = BracketContext.call(callee)
    var arguments: [Argument] = []
    while peek().kind != .rightParen {
      if peek().kind == .comma {
        throw emptyElement(at: peek(), context: context)
      }
      arguments.append(try parseArgument())
      let separator = peek()
      if separator.kind == .comma {
        advance()
      } else if separator.kind != .rightParen {
        throw missingCloser(context, open: open, found: separator)
      }
    }
    advance()
    bracketDepth -= 1
    depth -= 1
    return arguments
  }

  private mutating func parseArgument() throws(ParseFailure) -> Argument {
    let first = peek()
    if case .identifier(let label) = first.kind, token(after: index).kind == .assign {
      advance()
      advance()
      let valueToken = peek()
      if valueToken.kind == .comma || valueToken.kind == .rightParen {
        throw failure(
          "missing value for argument `\(label)`", at: valueToken,
          hint: "write `\(label) = value`")
      }
      let value = try parseExpression()
      return Argument(
        label: label, value: value,
        range: SourceRange(start: first.range.start, end: value.range.end))
    }
    let value = try parseExpression()
    return Argument(label: nil, value: value, range: value.range)
  }

  /// Parses a list literal after the opening `[` (already consumed) through the closing `]`.
  mutating func parseList(open: Token) throws(ParseFailure) -> Expression {
    try enterNesting(at: open)
    bracketDepth += 1
    var elements: [Expression] = []
    while peek().kind != .rightBracket {
      if peek().kind == .comma {
        throw emptyElement(at: peek(), context: .list)
      }
      elements.append(try parseExpression())
      let separator = peek()
      if separator.kind == .comma {
        advance()
      } else if separator.kind != .rightBracket {
        throw missingCloser(.list, open: open, found: separator)
      }
    }
    advance()
    bracketDepth -= 1
    depth -= 1
    return Expression(
      kind: .list(elements), range: SourceRange(start: open.range.start, end: previousEnd))
  }

  private func emptyElement(at comma: Token, context: BracketContext) -> ParseFailure {
    if case .call(let callee) = context {
      return failure(
        "empty argument in the call to `\(callee)`", at: comma,
        hint: "remove the extra `,` or write the missing argument")
    }
    return failure(
      "empty element in the list", at: comma,
      hint: "remove the extra `,` or write the missing element")
  }

  /// The failure for a bracket that is not closed where `found` (the token at `index`) stands.
  ///
  /// If `found` is the end of the file, or looks like the start of the next statement, the
  /// bracket was most likely never closed: the error points just after the last token.
  /// Otherwise `found` is reported as out of place.
  func missingCloser(_ context: BracketContext, open: Token, found: Token) -> ParseFailure {
    if found.kind == .invalid { return .silent }
    let symbol = context.closerSymbol
    let closeMessage =
      "expected `\(symbol)` to close \(context.phrase) opened at \(open.range.start)"
    if found.kind == .endOfFile || looksLikeStatementStart(at: index) {
      return failure(
        closeMessage, at: previousEnd,
        hint: "add the missing `\(symbol)`; a newline inside brackets continues the statement")
    }
    let foundText = describe(found)
    guard context.isSequence else {
      return failure("\(closeMessage), found \(foundText)", at: found)
    }
    var hint: String
    if case .call = context {
      hint = "separate arguments with `,`"
      if found.kind == .assign {
        hint = "a label must be a plain name: `label = value`"
      }
    } else {
      hint = "separate list elements with `,`"
      if found.kind == .assign {
        hint = "labels (`name = value`) are only allowed in calls"
      }
    }
    if found.kind == .rightParen || found.kind == .rightBracket {
      hint =
        "\(context.phrase) was opened with `\(source.text(in: open.range))` at "
        + "\(open.range.start), so close it with `\(symbol)`"
    }
    return failure(
      "expected `,` or `\(symbol)` in \(context.phrase), found \(foundText)", at: found,
      hint: hint)
  }
}
