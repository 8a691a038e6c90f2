extension DTSScanner {
  /// Reads an integer literal (`42`, `0x2a`, `052`, optional `U`/`L`/`UL`/`ULL` suffix).
  mutating func readIntegerLiteral() throws -> UInt64 {
    let start = index
    var radix: UInt64 = 10
    if peek() == UInt8(ascii: "0"), peek(1) | 0x20 == UInt8(ascii: "x") {
      radix = 16
      index += 2
    } else if peek() == UInt8(ascii: "0") {
      radix = 8
    }
    let digitsStart = index
    var value: UInt64 = 0
    while !atEnd, let digit = Self.digitValue(peek()), digit < 16 {
      guard digit < radix else {
        throw error(
          at: index,
          "digit '\(Character(Unicode.Scalar(peek())))' is not valid in a base-"
            + "\(radix) literal", hint: "a leading 0 makes a literal octal; drop it for decimal")
      }
      let (times, overflowA) = value.multipliedReportingOverflow(by: radix)
      let (sum, overflowB) = times.addingReportingOverflow(digit)
      guard !overflowA, !overflowB else {
        throw error(at: start, "integer literal does not fit in 64 bits")
      }
      value = sum
      index += 1
    }
    guard index > digitsStart else {
      throw error(at: start, "expected hexadecimal digits after 0x")
    }
    while !atEnd, peek() | 0x20 == UInt8(ascii: "u") || peek() | 0x20 == UInt8(ascii: "l") {
      index += 1
    }
    if !atEnd, Self.isLabelByte(peek()) {
      throw error(
        at: start, "malformed number \(describeNext())",
        hint: "numbers are decimal, 0x hexadecimal or 0-prefixed octal")
    }
    return value
  }

  static func digitValue(_ byte: UInt8) -> UInt64? {
    if isDigit(byte) { return UInt64(byte - 0x30) }
    let lower = byte | 0x20
    if (0x61...0x66).contains(lower) { return UInt64(lower - 0x61 + 10) }
    return nil
  }

  /// Reads a double-quoted string with C escapes; the opening quote is next.
  mutating func readStringLiteral() throws -> [UInt8] {
    let start = index
    index += 1
    var result: [UInt8] = []
    while true {
      guard !atEnd, peek() != UInt8(ascii: "\n") else {
        throw error(
          at: start, "unterminated string literal",
          hint: "close the string with a double quote on the same line")
      }
      let byte = peek()
      index += 1
      if byte == UInt8(ascii: "\"") { return result }
      if byte == UInt8(ascii: "\\") {
        result.append(try readEscape())
      } else {
        result.append(byte)
      }
    }
  }

  /// Reads a character literal (`'a'`, `'\n'`) as its byte value.
  mutating func readCharLiteral() throws -> UInt64 {
    let start = index
    index += 1
    guard !atEnd, peek() != UInt8(ascii: "'") else {
      throw error(at: start, "empty character literal")
    }
    var value: UInt8 = peek()
    index += 1
    if value == UInt8(ascii: "\\") { value = try readEscape() }
    guard peek() == UInt8(ascii: "'") else {
      throw error(at: start, "unterminated character literal", hint: "close it with '")
    }
    index += 1
    return UInt64(value)
  }

  /// Reads the escape after a backslash.
  private mutating func readEscape() throws -> UInt8 {
    let at = index
    guard !atEnd else { throw error(at: at, "backslash at end of input") }
    let byte = peek()
    index += 1
    switch byte {
    case UInt8(ascii: "a"): return 7
    case UInt8(ascii: "b"): return 8
    case UInt8(ascii: "t"): return 9
    case UInt8(ascii: "n"): return 10
    case UInt8(ascii: "v"): return 11
    case UInt8(ascii: "f"): return 12
    case UInt8(ascii: "r"): return 13
    case UInt8(ascii: "x"):
      var value: UInt64 = 0
      var count = 0
      while count < 2, let digit = Self.digitValue(peek()) {
        value = value * 16 + digit
        index += 1
        count += 1
      }
      guard count > 0 else { throw error(at: at, "\\x needs hexadecimal digits") }
      return UInt8(value)
    case UInt8(ascii: "0")...UInt8(ascii: "7"):
      var value = UInt64(byte - 0x30)
      var count = 1
      while count < 3, (0x30...0x37).contains(peek()) {
        value = value * 8 + UInt64(peek() - 0x30)
        index += 1
        count += 1
      }
      return UInt8(truncatingIfNeeded: value)
    default:
      return byte
    }
  }
}
