/// Turns tokens into statements, recovering at the next statement boundary after an error.
struct Parser {
  let tokens: [Token]
  let source: SourceText
  let limits: ParseLimits
  /// The index of the next token.
  var index = 0
  /// Parse errors found so far.
  var diagnostics: [Diagnostic] = []
  /// Current expression nesting, checked against `limits.maxNestingDepth`.
  var depth = 0
  /// How many `(` / `[` are open; newlines are insignificant while this is positive.
  var bracketDepth = 0
  /// The end of the last consumed token other than newlines.
  var previousEnd = SourceLocation(line: 1, column: 1)
  /// The index of the current statement's first token.
  var statementStart = 0
  /// The column of the current statement's first token.
  var statementColumn = 1
  /// Where parsing stopped early because of `limits.maxStatements`, if it did.
  var stopLocation: SourceLocation?
  /// How many statements were started, nested ones included (checked against
  /// `limits.maxStatements`).
  var statementCount = 0
  /// How many `{` blocks are open, checked against `limits.maxNestingDepth`.
  var blockDepth = 0

  init(tokens: [Token], source: SourceText, limits: ParseLimits) {
    self.tokens = tokens
    self.source = source
    self.limits = limits
  }

  /// Parses every statement, collecting diagnostics for the ones that fail.
  mutating func parseStatements() -> [Statement] {
    parseStatementList(insideBlock: false)
  }

  /// Parses statements up to the end of the file or, inside a block, up to its `}` (left for
  /// the caller to consume). A statement that fails is reported and skipped.
  mutating func parseStatementList(insideBlock: Bool) -> [Statement] {
    var statements: [Statement] = []
    while true {
      while tokens[index].kind == .newline || tokens[index].kind == .semicolon {
        index += 1
      }
      let first = tokens[index]
      if first.kind == .endOfFile || stopLocation != nil { break }
      if first.kind == .rightBrace {
        if insideBlock { break }
        diagnostics.append(
          source.diagnostic(
            at: first.range.start, length: 1, message: "unexpected `}` with no `{` open",
            hint: "remove it, or open the block with `{` after `if (…)`, `while (…)` or a function")
        )
        index += 1
        continue
      }
      if statementCount >= limits.maxStatements {
        diagnostics.append(
          source.diagnostic(
            at: first.range.start, length: first.width,
            message: "too many statements: the limit is \(limits.maxStatements)",
            hint: "split the scenario into smaller files; parsing stopped here"))
        stopLocation = first.range.start
        break
      }
      statementCount += 1
      statementStart = index
      statementColumn = first.range.start.column
      bracketDepth = 0
      depth = 0
      do throws(ParseFailure) {
        statements.append(try parseStatement())
      } catch {
        if let diagnostic = error.diagnostic {
          diagnostics.append(diagnostic)
        }
        recover()
      }
    }
    return statements
  }

  /// Skips to the next statement boundary: the end of a line (or a `;`) with no bracket left
  /// open, a `}` closing the enclosing block, or (for unclosed brackets) a line that looks like
  /// the start of a new statement. A block opened by the failed statement is skipped whole.
  private mutating func recover() {
    var openBrackets = bracketDepth
    var openBraces = 0
    let start = statementStart
    while true {
      let token = tokens[index]
      switch token.kind {
      case .endOfFile:
        return
      case .newline:
        index += 1
        if openBrackets <= 0, openBraces == 0 { return }
        continue
      case .semicolon where openBrackets <= 0 && openBraces == 0:
        index += 1
        return
      case .rightBrace where openBraces == 0:
        if index == start { index += 1 }
        return
      default:
        break
      }
      if index > start, openBraces == 0, looksLikeStatementStart(at: index) {
        return
      }
      switch token.kind {
      case .leftParen, .leftBracket: openBrackets += 1
      case .rightParen, .rightBracket: openBrackets = max(0, openBrackets - 1)
      case .leftBrace:
        openBraces += 1
        openBrackets = 0
      case .rightBrace: openBraces -= 1
      default: break
      }
      index += 1
    }
  }

  // MARK: - Token access

  /// The next token, skipping newlines while a bracket is open.
  mutating func peek() -> Token {
    if bracketDepth > 0 {
      while tokens[index].kind == .newline {
        index += 1
      }
    }
    return tokens[index]
  }

  /// Consumes and returns the next token (newlines are skipped while a bracket is open).
  @discardableResult
  mutating func advance() -> Token {
    let token = peek()
    if token.kind != .endOfFile {
      index += 1
    }
    if token.kind != .newline, token.kind != .endOfFile {
      previousEnd = token.range.end
    }
    return token
  }

  /// The token after the one at `position`, skipping newlines while a bracket is open.
  func token(after position: Int) -> Token {
    var next = min(position + 1, tokens.count - 1)
    while bracketDepth > 0, tokens[next].kind == .newline {
      next += 1
    }
    return tokens[next]
  }

  /// Whether the token at `position` probably starts a new statement even though a bracket is
  /// still open: it begins a line, is not indented past the current statement, and is a name
  /// followed by what follows a statement's first name (`(`, `=`, a literal, a name or the end
  /// of the line, or a broken literal). Used to recover from unclosed brackets.
  func looksLikeStatementStart(at position: Int) -> Bool {
    guard startsLine(position), tokens[position].range.start.column <= statementColumn,
      case .identifier = tokens[position].kind
    else { return false }
    switch tokens[min(position + 1, tokens.count - 1)].kind {
    case .leftParen, .assign, .newline, .endOfFile, .identifier, .integer, .string, .invalid:
      return true
    default:
      return false
    }
  }

  /// Whether the token at `position` is the first token on its line.
  func startsLine(_ position: Int) -> Bool {
    position == 0 || tokens[position - 1].kind == .newline
  }

  // MARK: - Errors

  /// A failure reported at a token; quiet if the token is one the lexer already reported.
  func failure(_ message: String, at token: Token, hint: String? = nil) -> ParseFailure {
    if token.kind == .invalid { return .silent }
    if token.kind == .newline || token.kind == .endOfFile {
      return failure(message, at: previousEnd, hint: hint)
    }
    return ParseFailure(
      diagnostic: source.diagnostic(
        at: token.range.start, length: token.width, message: message, hint: hint))
  }

  /// A failure reported at a location.
  func failure(
    _ message: String, at location: SourceLocation, length: Int = 1, hint: String? = nil
  ) -> ParseFailure {
    ParseFailure(
      diagnostic: source.diagnostic(at: location, length: length, message: message, hint: hint))
  }

  /// A short description of a token for messages, such as "`GFP_KERNEL`" or "end of line".
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .newline: "end of line"
    case .endOfFile: "end of file"
    case .string: "a string literal"
    case .integer: "number `\(source.text(in: token.range))`"
    default: "`\(source.text(in: token.range))`"
    }
  }

  /// Enters one level of expression nesting, failing beyond `limits.maxNestingDepth`.
  mutating func enterNesting(at token: Token) throws(ParseFailure) {
    depth += 1
    if depth > limits.maxNestingDepth {
      throw failure(
        "expression is nested too deeply (the limit is \(limits.maxNestingDepth) levels)",
        at: token, hint: "split it into simpler expressions")
    }
  }
}
