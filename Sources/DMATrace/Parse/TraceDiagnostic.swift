/// A trace line `dmascope trace` cannot read, with everything a gcc-style report needs.
public struct TraceDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file name shown in the report.
  public var fileName: String
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column where the problem starts.
  public var column: Int
  /// One-line description of the problem.
  public var message: String
  /// Advice on how to fix the line or the recording.
  public var hint: String
  /// The text of the line (tabs shown as spaces so the caret lines up).
  public var sourceLine: String

  /// Creates a diagnostic.
  public init(
    fileName: String, line: Int, column: Int, message: String, hint: String, sourceLine: String
  ) {
    self.fileName = fileName
    self.line = line
    self.column = max(1, column)
    self.message = message
    self.hint = hint
    self.sourceLine = sourceLine
  }

  /// The report, without a trailing newline:
  ///
  ///     boot.trace:14:52: error: dma_map_page: size=12x is not a decimal number
  ///       14 | init-1 [000] ..... 1.2: dma_map_page: 0000:00:01.0 dir=TO_DEVICE ...
  ///          |                                                   ^
  ///     hint: ...
  public var description: String {
    let number = String(line)
    let width = max(4, number.count)
    let gutter = String(repeating: " ", count: width + 1 - number.count) + number
    let empty = String(repeating: " ", count: width + 1)
    let shown = String(sourceLine.map { $0 == "\t" ? " " : $0 })
    let padding = String(repeating: " ", count: column - 1)
    return [
      "\(fileName):\(line):\(column): error: \(message)",
      "\(gutter) | \(shown)",
      "\(empty) | \(padding)^",
      "hint: \(hint)",
    ].joined(separator: "\n")
  }
}
