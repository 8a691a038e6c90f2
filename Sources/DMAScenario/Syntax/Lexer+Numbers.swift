extension Lexer {
  /// Lexes an integer literal: decimal, `0x` hexadecimal or `0b` binary, with optional `_`
  /// separators and an optional size suffix (`K`, `M`, `G`, `KiB`, `MiB`, `GiB`).
  mutating func lexNumber() {
    let start = position
    while position < characters.count, Lexer.isIdentifierCharacter(characters[position]) {
      position += 1
    }
    let text = Array(characters[start..<position])
    let literal = String(text)
    var radix: UInt64 = 10
    var index = 0
    if text.count >= 2, text[0] == "0" {
      if text[1] == "x" || text[1] == "X" {
        (radix, index) = (16, 2)
      } else if text[1] == "b" || text[1] == "B" {
        (radix, index) = (2, 2)
      }
    }
    var value: UInt64 = 0
    var overflow = false
    var sawDigit = false
    while index < text.count {
      if text[index] == "_" {
        index += 1
        continue
      }
      guard let digit = Lexer.digitValue(text[index]), UInt64(digit) < radix else { break }
      let (shifted, overflowA) = value.multipliedReportingOverflow(by: radix)
      let (sum, overflowB) = shifted.addingReportingOverflow(UInt64(digit))
      value = sum
      overflow = overflow || overflowA || overflowB
      sawDigit = true
      index += 1
    }
    let radixName = radix == 16 ? "hexadecimal" : "binary"
    guard sawDigit else {
      let digits = radix == 16 ? "0-9 and a-f" : "0 and 1"
      report(
        "expected \(radixName) digits after `\(String(text.prefix(2)))`", at: start,
        length: text.count, hint: "\(radixName) digits are \(digits)")
      emit(.invalid, from: start)
      return
    }
    let suffix = String(text[index...])
    var multiplier: UInt64 = 1
    if !suffix.isEmpty {
      guard let sizeMultiplier = Lexer.sizeMultiplier(suffix) else {
        if radix == 2, let digit = text[index].asciiValue, (0x30...0x39).contains(digit) {
          report(
            "invalid digit `\(text[index])` in binary literal `\(literal)`",
            at: start + index, length: 1, hint: "binary digits are 0 and 1")
        } else {
          let number = String(text[..<index])
          report(
            "invalid suffix `\(suffix)` on integer literal `\(literal)`",
            at: start + index, length: suffix.count,
            hint: Lexer.suffixHint(number: number, suffix: suffix))
        }
        emit(.invalid, from: start)
        return
      }
      multiplier = sizeMultiplier
    }
    let (scaled, overflowC) = value.multipliedReportingOverflow(by: multiplier)
    guard !overflow, !overflowC else {
      report(
        "integer literal `\(literal)` does not fit in 64 bits", at: start, length: text.count,
        hint: "the largest integer is 18446744073709551615 (0xffff_ffff_ffff_ffff)")
      emit(.invalid, from: start)
      return
    }
    if radix == 10, text[0] == "0", text[1..<index].contains(where: { $0 != "_" }) {
      report(
        "leading zero in `\(literal)`: this is the decimal number \(scaled)", at: start,
        length: text.count,
        hint: "octal literals are not supported; remove the leading zero, or use 0x… for hex",
        severity: .warning)
    }
    emit(.integer(scaled), from: start)
  }

  /// The factor a size suffix stands for, or `nil` if `suffix` is not one.
  private static func sizeMultiplier(_ suffix: String) -> UInt64? {
    switch suffix {
    case "K", "KiB": 1 << 10
    case "M", "MiB": 1 << 20
    case "G", "GiB": 1 << 30
    default: nil
    }
  }

  private static func suffixHint(number: String, suffix: String) -> String {
    let corrections = [
      "k": "K", "m": "M", "g": "G", "kib": "KiB", "mib": "MiB", "gib": "GiB",
      "kb": "KiB", "mb": "MiB", "gb": "GiB",
    ]
    if let correction = corrections[suffix.lowercased()] {
      return "did you mean `\(number)\(correction)`? size suffixes are case-sensitive"
    }
    return "size suffixes are K, M, G, KiB, MiB and GiB; names cannot start with a digit"
  }
}
