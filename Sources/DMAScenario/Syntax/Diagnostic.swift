/// A problem found in a scenario, carrying everything needed to print a gcc-style report.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
  /// How serious a diagnostic is.
  public enum Severity: String, Hashable, Sendable {
    /// The scenario cannot run as written.
    case error
    /// The scenario runs, but probably does not mean what it says.
    case warning
  }

  /// The file name shown in the report, such as `lesson.dms`.
  public var fileName: String
  /// Where the problem starts.
  public var location: SourceLocation
  /// How many columns the caret underline covers; at least 1.
  public var length: Int
  /// Error or warning.
  public var severity: Severity
  /// One-line description of the problem.
  public var message: String
  /// Optional advice on how to fix the problem.
  public var hint: String?
  /// The full text of the source line at `location.line` (empty if there is none).
  public var sourceLine: String

  /// Creates a diagnostic. A `length` below 1 is raised to 1.
  public init(
    fileName: String,
    location: SourceLocation,
    length: Int,
    severity: Severity,
    message: String,
    hint: String?,
    sourceLine: String
  ) {
    self.fileName = fileName
    self.location = location
    self.length = max(1, length)
    self.severity = severity
    self.message = message
    self.hint = hint
    self.sourceLine = sourceLine
  }

  /// The gcc-style report, without a trailing newline:
  ///
  ///     lesson.dms:3:5: error: unterminated string literal
  ///         3 | say "hello
  ///           |     ^~~~~~
  ///     hint: close the string with a double quote on the same line
  ///
  /// The line number is right-aligned in a gutter at least four digits wide; tabs in the
  /// source line are shown as single spaces so that the caret lines up.
  public var rendered: String {
    let number = String(location.line)
    let width = max(4, number.count)
    let gutter = String(repeating: " ", count: width + 1 - number.count) + number
    let emptyGutter = String(repeating: " ", count: width + 1)
    var shownLine = ""
    for character in sourceLine {
      shownLine.append(character == "\t" ? " " : character)
    }
    var lines = ["\(fileName):\(location): \(severity.rawValue): \(message)"]
    lines.append(shownLine.isEmpty ? "\(gutter) |" : "\(gutter) | \(shownLine)")
    let padding = String(repeating: " ", count: max(0, location.column - 1))
    let underline = "^" + String(repeating: "~", count: max(0, length - 1))
    lines.append("\(emptyGutter) | \(padding)\(underline)")
    if let hint {
      lines.append("hint: \(hint)")
    }
    return lines.joined(separator: "\n")
  }

  /// The same text as `rendered`.
  public var description: String { rendered }
}
