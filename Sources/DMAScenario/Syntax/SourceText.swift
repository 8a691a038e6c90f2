/// The lines of a scenario and its file name: the context every diagnostic is built from.
struct SourceText {
  /// The file name shown in diagnostics.
  let fileName: String
  /// The source lines, without terminators (`\n`, `\r\n` and `\r` all end a line).
  let lines: [String]

  init(_ text: String, fileName: String) {
    self.fileName = fileName
    var lines = text.split(omittingEmptySubsequences: false) { character in
      character == "\n" || character == "\r\n" || character == "\r"
    }.map { String($0) }
    if lines.last?.isEmpty == true {
      lines.removeLast()
    }
    self.lines = lines
  }

  /// The text of a 1-based line, or an empty string past the end.
  func line(_ number: Int) -> String {
    number >= 1 && number <= lines.count ? lines[number - 1] : ""
  }

  /// The position just after the last character of the source.
  var endLocation: SourceLocation {
    guard let last = lines.last else { return SourceLocation(line: 1, column: 1) }
    return SourceLocation(line: lines.count, column: last.count + 1)
  }

  /// The source text covered by a single-line range, shortened to at most 40 characters.
  func text(in range: SourceRange) -> String {
    let characters = Array(line(range.start.line))
    let lower = min(max(0, range.start.column - 1), characters.count)
    let endColumn = range.end.line == range.start.line ? range.end.column : characters.count + 1
    let upper = min(max(lower, endColumn - 1), characters.count)
    let text = characters[lower..<upper]
    return text.count > 40 ? String(text.prefix(39)) + "…" : String(text)
  }

  /// Builds a diagnostic whose source line is taken from this text.
  func diagnostic(
    at location: SourceLocation,
    length: Int = 1,
    message: String,
    hint: String? = nil,
    severity: Diagnostic.Severity = .error
  ) -> Diagnostic {
    Diagnostic(
      fileName: fileName, location: location, length: length, severity: severity,
      message: message, hint: hint, sourceLine: line(location.line))
  }
}
