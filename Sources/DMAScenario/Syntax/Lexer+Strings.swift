extension Lexer {
  /// Lexes a double-quoted string literal. Strings end on the line they start on.
  mutating func lexString() {
    let start = position
    position += 1
    var value = ""
    var isValid = true
    while position < characters.count {
      let character = characters[position]
      if character == "\"" {
        position += 1
        emit(isValid ? .string(value) : .invalid, from: start)
        return
      }
      if character == "\\" {
        if let decoded = lexEscape() {
          value.append(decoded)
        } else {
          isValid = false
        }
      } else {
        value.append(character)
        position += 1
      }
    }
    let count = characters.count
    let endsWithEscapedQuote =
      count >= 2 && characters[count - 1] == "\"" && characters[count - 2] == "\\"
    report(
      "unterminated string literal", at: start, length: count - start,
      hint: endsWithEscapedQuote
        ? "the final `\\\"` is an escaped quote; write `\\\\` for a backslash before the closing quote"
        : "close the string with a double quote on the same line")
    emit(.invalid, from: start)
  }

  /// Decodes the escape sequence at `position` (a backslash), reporting it if invalid.
  private mutating func lexEscape() -> Character? {
    let start = position
    guard position + 1 < characters.count else {
      position += 1
      return nil
    }
    let marker = characters[position + 1]
    position += 2
    switch marker {
    case "n": return "\n"
    case "t": return "\t"
    case "r": return "\r"
    case "0": return "\u{0}"
    case "\\": return "\\"
    case "\"": return "\""
    case "x": return lexHexEscape(start: start)
    default:
      report(
        "unknown escape sequence `\\\(marker)`", at: start, length: 2,
        hint: "valid escapes are \\n \\t \\r \\0 \\\\ \\\" and \\xNN")
      return nil
    }
  }

  /// Decodes the two hex digits of a `\xNN` escape whose backslash is at `start`.
  private mutating func lexHexEscape(start: Int) -> Character? {
    var value: UInt8 = 0
    var digits = 0
    while digits < 2, position < characters.count,
      let digit = Lexer.digitValue(characters[position]), digit < 16
    {
      value = value * 16 + digit
      digits += 1
      position += 1
    }
    guard digits == 2 else {
      report(
        "`\\x` must be followed by two hexadecimal digits", at: start, length: 2 + digits,
        hint: "write a character code as two hex digits, for example \\x41")
      return nil
    }
    guard value < 0x80 else {
      let hex = String(characters[(start + 2)..<(start + 4)])
      report(
        "`\\x\(hex)` is not an ASCII character", at: start, length: 4,
        hint: "strings hold text; write raw bytes with bytes(0x\(hex), …)")
      return nil
    }
    return Character(Unicode.Scalar(value))
  }
}
