extension Lexer {
  /// Lexes an operator or punctuation mark; returns `false` if `ascii` starts none.
  mutating func lexPunctuation(_ ascii: UInt8) -> Bool {
    let next: Character? = position + 1 < characters.count ? characters[position + 1] : nil
    let kind: Token.Kind
    var width = 1
    switch ascii {
    case UInt8(ascii: "("): kind = .leftParen
    case UInt8(ascii: ")"): kind = .rightParen
    case UInt8(ascii: "["): kind = .leftBracket
    case UInt8(ascii: "]"): kind = .rightBracket
    case UInt8(ascii: ","): kind = .comma
    case UInt8(ascii: "."): kind = .dot
    case UInt8(ascii: "+"):
      (kind, width) =
        next == "+" ? (.plusPlus, 2) : next == "=" ? (.plusAssign, 2) : (.plus, 1)
    case UInt8(ascii: "-"):
      (kind, width) =
        next == ">"
        ? (.arrow, 2)
        : next == "-" ? (.minusMinus, 2) : next == "=" ? (.minusAssign, 2) : (.minus, 1)
    case UInt8(ascii: ";"): kind = .semicolon
    case UInt8(ascii: "{"): kind = .leftBrace
    case UInt8(ascii: "}"): kind = .rightBrace
    case UInt8(ascii: ":"): kind = .colon
    case UInt8(ascii: "*"): kind = .star
    case UInt8(ascii: "="):
      (kind, width) = next == "=" ? (.equalEqual, 2) : (.assign, 1)
    case UInt8(ascii: "!"):
      (kind, width) = next == "=" ? (.bangEqual, 2) : (.bang, 1)
    case UInt8(ascii: "<"):
      (kind, width) = next == "=" ? (.lessEqual, 2) : (.less, 1)
    case UInt8(ascii: ">"):
      (kind, width) = next == "=" ? (.greaterEqual, 2) : (.greater, 1)
    case UInt8(ascii: "|"):
      (kind, width) = next == "|" ? (.pipePipe, 2) : (.pipe, 1)
    case UInt8(ascii: "&"):
      (kind, width) = next == "&" ? (.ampersandAmpersand, 2) : (.ampersand, 1)
    case UInt8(ascii: "/"):
      if next == "/" || next == "*" {
        lexForeignComment()
        return true
      }
      kind = .slash
    default:
      return false
    }
    let start = position
    position += width
    emit(kind, from: start)
    return true
  }

  /// Reports a C-style comment (`//` or `/*`) and skips the rest of the line.
  private mutating func lexForeignComment() {
    let start = position
    report(
      "C-style comments are not supported", at: start, length: 2,
      hint: "start a comment with `#`")
    position = characters.count
    emit(.invalid, from: start)
  }

  /// Reports a run of characters that cannot start any token.
  mutating func lexUnexpected() {
    let start = position
    position += 1
    while position < characters.count, Lexer.isStray(characters[position]) {
      position += 1
    }
    let run = characters[start..<position]
    let first = characters[start]
    let message: String
    if run.allSatisfy(Lexer.isPrintable) {
      let plural = run.count == 1 ? "" : "s"
      message = "unexpected character\(plural) `\(String(run))`"
    } else {
      let suffix = run.count == 1 ? "" : " (and \(run.count - 1) more)"
      message = "unexpected character \(Lexer.describe(first))\(suffix)"
    }
    report(message, at: start, length: run.count, hint: Lexer.hint(forStray: first))
    emit(.invalid, from: start)
  }

  /// Reports a string opened with a typographic quote, skipping to its closing quote.
  mutating func lexTypographicString() {
    let start = position
    position += 1
    while position < characters.count {
      let character = characters[position]
      position += 1
      if character == "”" || character == "“" || character == "\"" {
        break
      }
    }
    report(
      "typographic quote `\(characters[start])` cannot start a string",
      at: start, length: position - start,
      hint: "use plain double quotes: \"…\"")
    emit(.invalid, from: start)
  }

  /// Whether a character continues a run of unexpected characters (it starts no token).
  private static func isStray(_ character: Character) -> Bool {
    if character.isWhitespace || isIdentifierCharacter(character) { return false }
    if character == "“" || character == "„" { return false }
    guard let ascii = character.asciiValue else { return true }
    return !"\"#()[],.+-*/=!<>|&;{}:".utf8.contains(ascii)
  }

  /// Whether a character can be shown as itself inside backticks.
  private static func isPrintable(_ character: Character) -> Bool {
    character.unicodeScalars.allSatisfy { scalar in
      switch scalar.properties.generalCategory {
      case .control, .format, .unassigned, .privateUse, .surrogate, .lineSeparator,
        .paragraphSeparator, .spaceSeparator:
        false
      default:
        true
      }
    }
  }

  /// A character in backticks, or its code point (`U+0007`) if it is not printable.
  static func describe(_ character: Character) -> String {
    if isPrintable(character) { return "`\(character)`" }
    let value = character.unicodeScalars.first?.value ?? 0
    let hex = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  private static func hint(forStray character: Character) -> String? {
    switch character {
    case "'": "strings use double quotes: \"…\""
    case "”", "‘", "’": "use plain double quotes for strings: \"…\""
    case "\\": "a backslash only starts an escape inside a string"
    case "\u{FFFD}": "the file may not be valid UTF-8 text"
    default:
      character.isLetter
        ? "names may only contain ASCII letters, digits and `_`" : nil
    }
  }
}
