/// Character-level scanning of device tree source: trivia (whitespace, comments), names,
/// labels, keywords, numbers, strings, with positions as byte offsets and errors that carry
/// `file:line:column`.
struct DTSScanner {
  /// The source bytes (UTF-8).
  let bytes: [UInt8]
  /// The file name for reports.
  let fileName: String
  /// The current byte offset.
  var index = 0
  private let lineStarts: [Int]

  init(text: String, fileName: String) {
    bytes = Array(text.utf8)
    self.fileName = fileName
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    lineStarts = starts
  }

  /// The 1-based line and column of a byte offset.
  func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return (low + 1, offset - lineStarts[low] + 1)
  }

  /// An error at a byte offset.
  func error(at offset: Int, _ message: String, hint: String? = nil) -> DeviceTreeError {
    let (line, column) = lineAndColumn(of: offset)
    return DeviceTreeError(
      fileName: fileName, location: .source(line: line, column: column), message: message,
      hint: hint)
  }

  /// Whether the end of input is reached.
  var atEnd: Bool { index >= bytes.count }

  /// The byte at the current offset plus `ahead`, or 0 past the end.
  func peek(_ ahead: Int = 0) -> UInt8 {
    let at = index + ahead
    return at < bytes.count ? bytes[at] : 0
  }

  /// Whether the input continues with `text` at the current offset.
  func looksAt(_ text: String) -> Bool {
    var at = index
    for byte in text.utf8 {
      guard at < bytes.count, bytes[at] == byte else { return false }
      at += 1
    }
    return true
  }

  /// Skips whitespace, comments and cpp line markers; rejects preprocessor directives.
  mutating func skipTrivia() throws {
    while !atEnd {
      let byte = peek()
      if Self.isSpace(byte) {
        index += 1
      } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
        while !atEnd, peek() != UInt8(ascii: "\n") { index += 1 }
      } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
        let start = index
        index += 2
        while !atEnd, !(peek() == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) {
          index += 1
        }
        guard !atEnd else {
          throw error(
            at: start, "unterminated /* comment", hint: "close the comment with */")
        }
        index += 2
      } else if byte == UInt8(ascii: "#") {
        guard try skipPreprocessorLine() else { return }
      } else {
        return
      }
    }
  }

  /// At a `#`: skips a cpp line marker (`# 12 "file"`) and returns true, rejects a directive
  /// such as `#include`, or returns false for a property name such as `#address-cells`.
  private mutating func skipPreprocessorLine() throws -> Bool {
    var at = index + 1
    while at < bytes.count, bytes[at] == UInt8(ascii: " ") || bytes[at] == UInt8(ascii: "\t") {
      at += 1
    }
    if at < bytes.count, Self.isDigit(bytes[at]), at > index + 1 || Self.isDigit(peek(1)) {
      while !atEnd, peek() != UInt8(ascii: "\n") { index += 1 }
      return true
    }
    var end = at
    while end < bytes.count, Self.isLetter(bytes[end]) { end += 1 }
    let word = String(decoding: bytes[at..<end], as: UTF8.self)
    let next = end < bytes.count ? bytes[end] : 0
    guard Self.directives.contains(word), !Self.isNameByte(next) || at > index + 1 else {
      return false
    }
    if word == "include" {
      throw error(
        at: index, "#include is not supported: dmascope reads self-contained sources only",
        hint: "compile it with dtc first, e.g. `cpp -nostdinc -undef -x assembler-with-cpp "
          + "-I include board.dts | dtc -I dts -O dtb -o board.dtb -`, then pass the .dtb")
    }
    throw error(
      at: index, "preprocessor directive #\(word) is not supported",
      hint: "run the C preprocessor and dtc first (`cpp -nostdinc -undef -x "
        + "assembler-with-cpp board.dts | dtc -I dts -O dtb -o board.dtb -`), then pass the .dtb")
  }

  private static let directives: Set<String> = [
    "include", "define", "undef", "if", "ifdef", "ifndef", "elif", "else", "endif", "error",
    "pragma", "line", "warning",
  ]

  /// Skips trivia and consumes `byte` if it is next.
  mutating func consume(_ byte: UInt8) throws -> Bool {
    try skipTrivia()
    guard peek() == byte else { return false }
    index += 1
    return true
  }

  /// Skips trivia and requires `byte` next.
  mutating func expect(_ byte: UInt8, _ what: String, hint: String? = nil) throws {
    guard try consume(byte) else {
      throw error(at: index, "expected \(what), found \(describeNext())", hint: hint)
    }
  }

  /// A short description of what comes next, for error messages.
  func describeNext() -> String {
    guard !atEnd else { return "end of file" }
    var end = index
    while end < bytes.count, end < index + 12, !Self.isSpace(bytes[end]) { end += 1 }
    if end == index { end = index + 1 }
    return "'" + String(decoding: bytes[index..<end], as: UTF8.self) + "'"
  }

  /// Reads a run of node/property name characters (`[a-zA-Z0-9,._+*#?@-]`); empty if none.
  mutating func readNameRun() -> String {
    let start = index
    while !atEnd, Self.isNameByte(peek()) { index += 1 }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0d).contains(byte)
  }

  static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

  static func isLetter(_ byte: UInt8) -> Bool {
    (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
  }

  private static let namePunctuation = Array(",._+*#?@-".utf8)

  static func isNameByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || namePunctuation.contains(byte)
  }

  static func isLabelStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == 0x5f }

  static func isLabelByte(_ byte: UInt8) -> Bool { isLabelStart(byte) || isDigit(byte) }

  /// Whether a whole word is a valid label (`[a-zA-Z_][a-zA-Z0-9_]*`).
  static func isLabel(_ word: String) -> Bool {
    let utf8 = Array(word.utf8)
    guard let first = utf8.first, isLabelStart(first) else { return false }
    return utf8.allSatisfy(isLabelByte)
  }
}
