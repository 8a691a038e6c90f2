/// Splits scenario source into tokens one line at a time, reporting lexical errors.
///
/// Each line that produces tokens is followed by a `.newline` token; the stream always ends
/// with `.endOfFile`. Erroneous text becomes an `.invalid` token after being reported.
struct Lexer {
  let source: SourceText
  let limits: ParseLimits
  var tokens: [Token] = []
  var diagnostics: [Diagnostic] = []
  /// The characters of the line being lexed.
  var characters: [Character] = []
  /// The 1-based number of the line being lexed.
  var lineNumber = 0
  /// The 0-based index of the next character in `characters`.
  var position = 0

  init(source: SourceText, limits: ParseLimits) {
    self.source = source
    self.limits = limits
  }

  /// Lexes the whole source.
  mutating func tokenize() {
    for (offset, line) in source.lines.enumerated() {
      lexLine(line, number: offset + 1)
    }
    let end = source.endLocation
    tokens.append(Token(kind: .endOfFile, range: SourceRange(start: end, end: end)))
  }

  private mutating func lexLine(_ line: String, number: Int) {
    characters = Array(line)
    lineNumber = number
    position = 0
    let tokenCountBefore = tokens.count
    let maxLength = max(0, limits.maxLineLength)
    if characters.count > maxLength {
      report(
        "line is too long (\(characters.count) characters; the limit is \(maxLength))",
        at: maxLength, length: 1,
        hint: "split it; a newline inside `(…)` or `[…]` continues a statement")
      position = characters.count
      emit(.invalid, from: maxLength)
    }
    while position < characters.count {
      lexToken()
    }
    if tokens.count > tokenCountBefore {
      emit(.newline, from: characters.count)
    }
  }

  private mutating func lexToken() {
    let character = characters[position]
    guard let ascii = character.asciiValue else {
      if character.isWhitespace {
        position += 1
      } else if character == "“" || character == "„" {
        lexTypographicString()
      } else {
        lexUnexpected()
      }
      return
    }
    switch ascii {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C:
      position += 1
    case UInt8(ascii: "#"):
      position = characters.count
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "_"):
      lexIdentifier()
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      lexNumber()
    case UInt8(ascii: "\""):
      lexString()
    default:
      if !lexPunctuation(ascii) {
        lexUnexpected()
      }
    }
  }

  private mutating func lexIdentifier() {
    let start = position
    while position < characters.count, Lexer.isIdentifierCharacter(characters[position]) {
      position += 1
    }
    emit(.identifier(String(characters[start..<position])), from: start)
  }

  // MARK: - Shared helpers

  /// Appends a token spanning from `start` to the current position.
  mutating func emit(_ kind: Token.Kind, from start: Int) {
    tokens.append(Token(kind: kind, range: range(from: start, to: position)))
  }

  /// Reports a problem at a 0-based character offset of the current line.
  mutating func report(
    _ message: String, at offset: Int, length: Int, hint: String?,
    severity: Diagnostic.Severity = .error
  ) {
    let location = SourceLocation(line: lineNumber, column: offset + 1)
    diagnostics.append(
      source.diagnostic(
        at: location, length: length, message: message, hint: hint, severity: severity))
  }

  /// The source range between two 0-based character offsets of the current line.
  func range(from start: Int, to end: Int) -> SourceRange {
    SourceRange(
      start: SourceLocation(line: lineNumber, column: start + 1),
      end: SourceLocation(line: lineNumber, column: end + 1))
  }

  /// Whether a character may appear in a name after the first character.
  static func isIdentifierCharacter(_ character: Character) -> Bool {
    guard let ascii = character.asciiValue else { return false }
    switch ascii {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
      return true
    default:
      return false
    }
  }

  /// The value of a digit in bases up to 36 (`0`–`9`, then `a`/`A` = 10 … `z`/`Z` = 35).
  static func digitValue(_ character: Character) -> UInt8? {
    guard let ascii = character.asciiValue else { return nil }
    switch ascii {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return ascii - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return ascii - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return ascii - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
