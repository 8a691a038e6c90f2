extension Parser {
  /// Words that start a C type (besides names ending in `_t`, such as `dma_addr_t`).
  static let typeWords: Set<String> = [
    "static", "const", "volatile", "inline", "extern", "unsigned", "signed", "int", "long",
    "short", "char", "void", "bool", "struct", "enum", "union", "u8", "u16", "u32", "u64", "s8",
    "s16", "s32", "s64",
  ]

  /// Qualifiers a type may carry that dmascope ignores.
  private static let qualifiers: Set<String> = [
    "static", "const", "volatile", "inline", "extern", "__maybe_unused",
  ]

  /// Whether `name` followed by a token of `next` starts a declaration or function.
  static func startsType(_ name: String, followedBy next: Token.Kind) -> Bool {
    guard typeWords.contains(name) || name.hasSuffix("_t") else { return false }
    switch next {
    case .identifier, .star: return true
    default: return false
    }
  }

  /// A declaration (`int i = 0;`, `struct completion done;`, `int i, j;`) or a function
  /// definition (`static void rx_done(void *param) { … }`); a prototype is accepted and
  /// ignored.
  mutating func parseDeclaration(_ first: Token) throws(ParseFailure) -> Statement {
    let type = try parseType()
    var declarations = [try parseDeclarator(type: type, start: first, allowFunction: true)]
    if case .function = declarations[0].kind { return declarations[0] }
    if case .block = declarations[0].kind { return declarations[0] }
    while peek().kind == .comma {
      advance()
      let start = peek()
      var starred = type
      starred.pointerDepth = 0
      while peek().kind == .star {
        advance()
        starred.pointerDepth += 1
      }
      declarations.append(try parseDeclarator(type: starred, start: start))
    }
    try expectEndOfStatement(after: "the declaration", hint: nil)
    if declarations.count == 1 { return declarations[0] }
    return Statement(
      kind: .block(declarations), range: SourceRange(start: first.range.start, end: previousEnd))
  }

  /// A C type: qualifiers, `struct NAME` or base words or a typedef name, then `*`s.
  mutating func parseType() throws(ParseFailure) -> TypeName {
    let start = peek().range.start
    var words: [String] = []
    while case .identifier(let word) = peek().kind {
      if Self.qualifiers.contains(word) {
        advance()
        continue
      }
      if ["struct", "enum", "union"].contains(word) {
        guard words.isEmpty else { break }
        let keyword = advance()
        guard case .identifier(let tag) = peek().kind else {
          throw failure(
            "expected a name after `\(word)`, found \(describe(peek()))", at: peek(),
            hint: "for example `struct completion done;`")
        }
        _ = keyword
        advance()
        words = [word, tag]
        break
      }
      let baseWords: Set<String> = ["unsigned", "signed", "long", "short", "int", "char"]
      if baseWords.contains(word) || words.isEmpty {
        // A typedef name (`dma_addr_t`) or a word of `unsigned long`: the next name is the
        // declarator unless it is another base word.
        if !words.isEmpty, !baseWords.contains(words[words.count - 1]) { break }
        advance()
        words.append(word)
        if !baseWords.contains(word) { break }
        continue
      }
      break
    }
    var depth = 0
    while peek().kind == .star || peek().kind == .identifier("const") {
      if advance().kind == .star { depth += 1 }
    }
    return TypeName(
      words: words, pointerDepth: depth, range: SourceRange(start: start, end: previousEnd))
  }

  /// The name after a type, with its initializer or, with `allowFunction`, a parameter list
  /// and body.
  mutating func parseDeclarator(type: TypeName, start: Token, allowFunction: Bool = false)
    throws(ParseFailure) -> Statement
  {
    let nameToken = peek()
    guard case .identifier(let name) = nameToken.kind else {
      throw failure(
        "expected a name after the type `\(type.text)`, found \(describe(nameToken))",
        at: nameToken, hint: "declare a variable like `struct completion done;` or `int i = 0;`")
    }
    advance()
    switch peek().kind {
    case .leftParen where allowFunction:
      return try parseFunction(type: type, name: name, nameRange: nameToken.range, start: start)
    case .leftParen:
      throw failure(
        "a function cannot be defined here", at: peek(),
        hint: "define functions at the top level of the file")
    case .leftBracket:
      throw failure(
        "arrays are not supported in declarations", at: peek(),
        hint: "allocate a buffer instead: `buf = kmalloc(64, GFP_KERNEL)`")
    case .assign:
      let equals = advance()
      if [.newline, .endOfFile, .semicolon].contains(peek().kind) {
        throw failure(
          "expected a value after `=`", at: equals.range.end,
          hint: "for example `int ret = 0;`")
      }
      let value = try parseExpression()
      return Statement(
        kind: .declaration(type: type, name: name, nameRange: nameToken.range, initializer: value),
        range: SourceRange(start: start.range.start, end: value.range.end))
    default:
      return Statement(
        kind: .declaration(type: type, name: name, nameRange: nameToken.range, initializer: nil),
        range: SourceRange(start: start.range.start, end: nameToken.range.end))
    }
  }

  private mutating func parseFunction(
    type: TypeName, name: String, nameRange: SourceRange, start: Token
  ) throws(ParseFailure) -> Statement {
    if blockDepth > 0 {
      throw failure(
        "a function cannot be defined inside another function", at: nameRange.start,
        length: max(1, nameRange.end.column - nameRange.start.column),
        hint: "define `\(name)` at the top level of the file")
    }
    let open = advance()
    bracketDepth += 1
    var parameters: [FunctionParameter] = []
    if peek().kind == .identifier("void"), token(after: index).kind == .rightParen {
      advance()
    }
    while peek().kind != .rightParen {
      let typeStart = peek()
      guard case .identifier = typeStart.kind else {
        throw missingCloser(.call(name), open: open, found: typeStart)
      }
      let parameterType = try parseType()
      let parameterName = peek()
      guard case .identifier(let text) = parameterName.kind else {
        throw failure(
          "expected a parameter name after `\(parameterType.text)`, found "
            + describe(parameterName), at: parameterName,
          hint: "name every parameter, as in `static void rx_done(void *param)`")
      }
      advance()
      parameters.append(
        FunctionParameter(type: parameterType, name: text, nameRange: parameterName.range))
      if peek().kind == .comma {
        advance()
      } else if peek().kind != .rightParen {
        throw missingCloser(.call(name), open: open, found: peek())
      }
    }
    advance()
    bracketDepth -= 1
    var look = index
    while tokens[look].kind == .newline { look += 1 }
    if tokens[look].kind == .semicolon {
      // A prototype: nothing to do, the definition may come later in the file.
      index = look + 1
      return Statement(
        kind: .block([]), range: SourceRange(start: start.range.start, end: previousEnd))
    }
    guard tokens[look].kind == .leftBrace else {
      throw failure(
        "expected `{` to start the body of `\(name)`, found \(describe(tokens[look]))",
        at: tokens[look], hint: "a function's body is in braces: `\(name)(…) { … }`")
    }
    index = look
    let body = try parseBlock()
    let end = SourceRange(start: tokens[index - 1].range.start, end: tokens[index - 1].range.end)
    let definition = FunctionDefinition(
      returnType: type, name: name, nameRange: nameRange, parameters: parameters, body: body,
      end: end)
    return Statement(
      kind: .function(definition), range: SourceRange(start: start.range.start, end: previousEnd))
  }
}
