/// The entry point of the scenario syntax layer: text in, syntax tree and diagnostics out.
public enum ScenarioParser {
  /// Parses scenario source text.
  ///
  /// Every error is reported: after an error the parser skips to the next statement boundary
  /// (the end of a line with no bracket open) and continues. Statements with errors are left
  /// out of the tree. Diagnostics come back in source order.
  ///
  /// - Parameters:
  ///   - source: The scenario text.
  ///   - fileName: The name shown in diagnostics, such as `lesson.dms`.
  ///   - limits: Resource limits; exceeding one is reported as a diagnostic.
  public static func parse(
    _ source: String, fileName: String, limits: ParseLimits = .default
  ) -> ParseResult {
    let byteCount = source.utf8.count
    guard byteCount <= limits.maxSourceBytes else {
      return tooLarge(source, fileName: fileName, byteCount: byteCount, limits: limits)
    }
    let text = SourceText(source, fileName: fileName)
    var lexer = Lexer(source: text, limits: limits)
    lexer.tokenize()
    var parser = Parser(tokens: lexer.tokens, source: text, limits: limits)
    let statements = parser.parseStatements()
    var lexical = lexer.diagnostics
    if let stop = parser.stopLocation {
      lexical.removeAll { $0.location > stop }
    }
    let diagnostics = capped(
      sorted(lexical + parser.diagnostics), limit: limits.maxDiagnostics, source: text)
    return ParseResult(
      syntax: ScenarioSyntax(fileName: fileName, statements: statements, lines: text.lines),
      diagnostics: diagnostics)
  }

  /// A stable sort by location.
  private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted { lhs, rhs in
      (lhs.element.location.line, lhs.element.location.column, lhs.offset)
        < (rhs.element.location.line, rhs.element.location.column, rhs.offset)
    }.map(\.element)
  }

  private static func capped(_ diagnostics: [Diagnostic], limit: Int, source: SourceText)
    -> [Diagnostic]
  {
    let limit = max(0, limit)
    guard diagnostics.count > limit else { return diagnostics }
    let cut = diagnostics[limit]
    let note = source.diagnostic(
      at: cut.location, length: cut.length,
      message: "too many errors (\(diagnostics.count - limit) more not shown)",
      hint: "fix the errors above first")
    return Array(diagnostics.prefix(limit)) + [note]
  }

  private static func tooLarge(
    _ source: String, fileName: String, byteCount: Int, limits: ParseLimits
  ) -> ParseResult {
    var firstLine = ""
    var count = 0
    for character in source {
      if character == "\n" || character == "\r\n" || character == "\r" || count >= 200 {
        break
      }
      firstLine.append(character)
      count += 1
    }
    let diagnostic = Diagnostic(
      fileName: fileName, location: SourceLocation(line: 1, column: 1), length: 1,
      severity: .error,
      message: "scenario is too large (\(byteCount) bytes; the limit is \(limits.maxSourceBytes))",
      hint: "split it into smaller scenarios", sourceLine: firstLine)
    return ParseResult(
      syntax: ScenarioSyntax(fileName: fileName, statements: [], lines: []),
      diagnostics: [diagnostic])
  }
}
