extension DTSParser {
  /// Parses a property value after `=`: comma-separated strings, `<cells>`, `[bytes]`,
  /// `/bits/ N <cells>` and `&path` references.
  mutating func parsePropertyValue() throws -> [DTSValuePart] {
    var parts: [DTSValuePart] = []
    while true {
      _ = try parseLabels()
      try scanner.skipTrivia()
      let start = scanner.index
      try rejectInclude()
      switch scanner.peek() {
      case UInt8(ascii: "\""):
        parts.append(.bytes(try scanner.readStringLiteral() + [0]))
      case UInt8(ascii: "<"):
        parts += try parseCells(bits: 32)
      case UInt8(ascii: "["):
        parts.append(.bytes(try parseByteString()))
      case UInt8(ascii: "&"):
        parts.append(.path(try parseReference()))
      case UInt8(ascii: "/") where scanner.looksAt("/bits/"):
        scanner.index += "/bits/".utf8.count
        try scanner.skipTrivia()
        let bitsAt = scanner.index
        let bits = try parseIntegerItem()
        guard [8, 16, 32, 64].contains(bits) else {
          throw scanner.error(
            at: bitsAt, "/bits/ must be 8, 16, 32 or 64, found \(bits)")
        }
        parts += try parseCells(bits: Int(bits))
      default:
        throw scanner.error(
          at: start,
          "expected a value (\"string\", <cells>, [bytes] or &reference), found "
            + scanner.describeNext())
      }
      _ = try parseLabels()
      guard try scanner.consume(UInt8(ascii: ",")) else { return Self.merged(parts) }
    }
  }

  /// Parses `< ... >` with elements of `bits` bits.
  private mutating func parseCells(bits: Int) throws -> [DTSValuePart] {
    try scanner.expect(UInt8(ascii: "<"), "'<' to open a cell array")
    var parts: [DTSValuePart] = []
    let mask: UInt64 = bits == 64 ? UInt64.max : (1 << UInt64(bits)) - 1
    while true {
      _ = try parseLabels()
      try scanner.skipTrivia()
      if scanner.peek() == UInt8(ascii: ">") {
        scanner.index += 1
        return parts
      }
      let start = scanner.index
      if scanner.peek() == UInt8(ascii: "&") {
        let reference = try parseReference()
        guard bits == 32 else {
          throw scanner.error(
            at: start, "a phandle reference needs 32-bit cells, not /bits/ \(bits)")
        }
        parts.append(.phandle(reference))
        continue
      }
      guard !scanner.atEnd else {
        throw scanner.error(at: start, "unterminated cell array", hint: "close it with '>'")
      }
      let value = try parseIntegerItem()
      if bits < 64, value > mask, value | mask != UInt64.max {
        throw scanner.error(
          at: start,
          "value 0x\(String(value, radix: 16)) does not fit in "
            + "\(bits) bits")
      }
      parts.append(.bytes(DeviceTreeProperty.bigEndianBytes(value & mask, count: bits / 8)))
    }
  }

  /// Parses `[00 11 2233]`; the `[` is next.
  private mutating func parseByteString() throws -> [UInt8] {
    let start = scanner.index
    scanner.index += 1
    var bytes: [UInt8] = []
    while true {
      _ = try parseLabels()
      try scanner.skipTrivia()
      if scanner.peek() == UInt8(ascii: "]") {
        scanner.index += 1
        return bytes
      }
      guard let high = DTSScanner.digitValue(scanner.peek()),
        let low = DTSScanner.digitValue(scanner.peek(1))
      else {
        throw scanner.error(
          at: scanner.atEnd ? start : scanner.index,
          scanner.atEnd
            ? "unterminated byte string" : "expected two hexadecimal digits in a byte string",
          hint: "write bytes as pairs of hex digits: [00 1f a0]")
      }
      bytes.append(UInt8(high * 16 + low))
      scanner.index += 2
    }
  }

  /// Parses one integer: a literal, a character literal or a parenthesised expression.
  mutating func parseIntegerItem() throws -> UInt64 {
    try scanner.skipTrivia()
    return try primaryExpression(depth: 0)
  }

  /// Joins adjacent byte parts.
  static func merged(_ parts: [DTSValuePart]) -> [DTSValuePart] {
    var result: [DTSValuePart] = []
    for part in parts {
      if case .bytes(let more) = part, case .bytes(let existing)? = result.last {
        result[result.count - 1] = .bytes(existing + more)
      } else {
        result.append(part)
      }
    }
    return result
  }
}
