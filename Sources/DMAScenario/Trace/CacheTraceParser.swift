import DMASim

/// Reads cache traces, one access per line: `R ADDR SIZE` (a load) or `W ADDR SIZE` (a store),
/// with ADDR and SIZE in hexadecimal with `0x` or in decimal. Blank lines and `#` comments (whole
/// lines or after the fields) are allowed; a trailing carriage return is ignored.
///
/// The parser works line by line on bytes, so a caller can stream a large file through it; every
/// bad line becomes a `Diagnostic` with file, line, column, caret and hint.
public struct CacheTraceParser: Sendable {
  /// The file name shown in diagnostics.
  public let fileName: String
  /// The first `maximumDiagnostics` problems found, in line order.
  public private(set) var diagnostics: [Diagnostic] = []
  /// How many lines had a problem (including those beyond `maximumDiagnostics`).
  public private(set) var errorCount = 0

  /// Diagnostics kept; later ones are only counted.
  public static let maximumDiagnostics = 50
  /// The longest line accepted, in bytes.
  public static let maximumLineBytes = 4096

  /// Creates a parser for a file.
  public init(fileName: String) { self.fileName = fileName }

  /// Parses a whole trace held in memory.
  public static func parse(
    _ text: String, fileName: String
  ) -> (accesses: [TraceAccess], diagnostics: [Diagnostic]) {
    var parser = CacheTraceParser(fileName: fileName)
    var accesses: [TraceAccess] = []
    let bytes = Array(text.utf8)
    var start = 0
    var number = 0
    while start < bytes.count {
      number += 1
      var end = start
      while end < bytes.count, bytes[end] != 0x0a { end += 1 }
      if let access = parser.parseLine(bytes[start..<end], number: number) {
        accesses.append(access)
      }
      start = end + 1
    }
    return (accesses, parser.diagnostics)
  }

  /// Parses one line (without its newline). Returns the access, or nil for a blank line, a
  /// comment or a line with a problem (recorded in `diagnostics`).
  public mutating func parseLine(_ line: ArraySlice<UInt8>, number: Int) -> TraceAccess? {
    var line = line
    if line.last == 0x0d { line = line.dropLast() }
    guard line.count <= Self.maximumLineBytes else {
      report(
        line, number, at: line.startIndex, length: 1,
        "line is longer than \(Self.maximumLineBytes) bytes",
        hint: "each line holds one access: `R ADDR SIZE` or `W ADDR SIZE`")
      return nil
    }
    let fields = Self.fields(of: line)
    guard let op = fields.first else { return nil }
    let kind: TraceAccess.Kind
    switch Array(line[op]) {
    case [0x52], [0x72]: kind = .load
    case [0x57], [0x77]: kind = .store
    default:
      report(
        line, number, at: op.lowerBound, length: op.count,
        "unknown access `\(Self.text(line[op]))`: expected R or W",
        hint: "each line is `R ADDR SIZE` (a load) or `W ADDR SIZE` (a store)")
      return nil
    }
    guard fields.count >= 2 else {
      report(
        line, number, at: line.endIndex, length: 1,
        "missing address after `\(Self.text(line[op]))`",
        hint: "for example `\(Self.text(line[op])) 0x1000 8`")
      return nil
    }
    guard let address = parseNumber(line, number, fields[1], "address") else { return nil }
    guard fields.count >= 3 else {
      report(
        line, number, at: line.endIndex, length: 1, "missing size after the address",
        hint: "for example `\(Self.text(line[op])) \(Self.text(line[fields[1]])) 8`")
      return nil
    }
    guard let size = parseNumber(line, number, fields[2], "size") else { return nil }
    if fields.count > 3 {
      report(
        line, number, at: fields[3].lowerBound, length: fields[3].count,
        "unexpected `\(Self.text(line[fields[3]]))` after the size",
        hint: "one access per line; put comments after `#`")
      return nil
    }
    guard size >= 1, size <= UInt64(TraceAccess.maximumSize) else {
      report(
        line, number, at: fields[2].lowerBound, length: fields[2].count,
        size == 0
          ? "size must be at least 1 byte"
          : "size \(size) is larger than \(TraceAccess.maximumSize) bytes",
        hint: size == 0
          ? "an access reads or writes 1 byte or more"
          : "split it into several accesses of at most one page")
      return nil
    }
    guard !address.addingReportingOverflow(size - 1).overflow else {
      report(
        line, number, at: fields[1].lowerBound, length: fields[1].count,
        "access of \(size) bytes at \(Self.text(line[fields[1]])) runs past the end of the "
          + "64-bit address space",
        hint: "the last byte must be at most 0xffffffffffffffff")
      return nil
    }
    return TraceAccess(kind, address: address, size: UInt32(size))
  }

  /// A number field: `0x` hexadecimal or decimal, at most 64 bits.
  private mutating func parseNumber(
    _ line: ArraySlice<UInt8>, _ lineNumber: Int, _ field: Range<Int>, _ what: String
  ) -> UInt64? {
    let digits = Array(line[field])
    let hex = digits.count > 2 && digits[0] == 0x30 && (digits[1] == 0x78 || digits[1] == 0x58)
    let radix: UInt64 = hex ? 16 : 10
    var value: UInt64 = 0
    var valid = !digits.isEmpty
    var overflow = false
    for byte in digits.dropFirst(hex ? 2 : 0) {
      guard let digit = Self.digit(byte), digit < radix else {
        valid = false
        break
      }
      let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
      let (sum, o2) = shifted.addingReportingOverflow(digit)
      overflow = overflow || o1 || o2
      value = sum
    }
    guard valid, !overflow else {
      let text = Self.text(line[field])
      report(
        line, lineNumber, at: field.lowerBound, length: field.count,
        valid ? "\(what) `\(text)` does not fit in 64 bits" : "invalid \(what) `\(text)`",
        hint: "write hexadecimal with 0x (0x1f40) or decimal (8000)")
      return nil
    }
    return value
  }

  /// The byte ranges of the whitespace-separated fields before any `#`.
  private static func fields(of line: ArraySlice<UInt8>) -> [Range<Int>] {
    var fields: [Range<Int>] = []
    var index = line.startIndex
    while index < line.endIndex {
      let byte = line[index]
      if byte == 0x23 { break }
      if byte == 0x20 || byte == 0x09 {
        index += 1
        continue
      }
      let start = index
      while index < line.endIndex, line[index] != 0x20, line[index] != 0x09, line[index] != 0x23 {
        index += 1
      }
      fields.append(start..<index)
    }
    return fields
  }

  private static func digit(_ byte: UInt8) -> UInt64? {
    switch byte {
    case 0x30...0x39: UInt64(byte - 0x30)
    case 0x61...0x66: UInt64(byte - 0x61 + 10)
    case 0x41...0x46: UInt64(byte - 0x41 + 10)
    default: nil
    }
  }

  private static func text(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes.prefix(40), as: UTF8.self) + (bytes.count > 40 ? "…" : "")
  }

  /// Records a problem at a byte offset of the line (columns count characters).
  private mutating func report(
    _ line: ArraySlice<UInt8>, _ number: Int, at offset: Int, length: Int, _ message: String,
    hint: String
  ) {
    errorCount += 1
    guard diagnostics.count < Self.maximumDiagnostics else { return }
    let before = String(decoding: line[line.startIndex..<offset], as: UTF8.self)
    let shown = line.count <= Self.maximumLineBytes ? line : line.prefix(200)
    let fieldLength = String(
      decoding: line[offset..<min(line.endIndex, offset + length)], as: UTF8.self
    ).count
    diagnostics.append(
      Diagnostic(
        fileName: fileName, location: SourceLocation(line: number, column: before.count + 1),
        length: max(1, fieldLength), severity: .error, message: message, hint: hint,
        sourceLine: String(decoding: shown, as: UTF8.self)))
  }
}
