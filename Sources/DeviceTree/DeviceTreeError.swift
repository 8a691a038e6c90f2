/// A problem reading a device tree: a `.dtb` blob that is truncated or corrupt, or a `.dts`
/// source that does not parse. Carries where it happened, what was expected and a hint.
public struct DeviceTreeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Where in the input the problem is.
  public enum Location: Hashable, Sendable {
    /// A byte offset into a flattened blob.
    case byte(Int)
    /// A line and column (both 1-based) in a source file.
    case source(line: Int, column: Int)
    /// The input as a whole.
    case whole
  }

  /// The file name shown in the report.
  public var fileName: String
  /// Where the problem is.
  public var location: Location
  /// What was expected and what was found.
  public var message: String
  /// Advice on how to fix or work around the problem.
  public var hint: String?

  /// Creates an error.
  public init(fileName: String, location: Location, message: String, hint: String? = nil) {
    self.fileName = fileName
    self.location = location
    self.message = message
    self.hint = hint
  }

  /// The byte offset, for blob errors.
  public var byteOffset: Int? {
    if case .byte(let offset) = location { return offset }
    return nil
  }

  /// The report: `board.dtb: byte 72 (0x48): expected ...` or
  /// `board.dts:3:5: error: ...`, then `hint: ...` on its own line.
  public var description: String {
    let head: String
    switch location {
    case .byte(let offset):
      head = "\(fileName): byte \(offset) (0x\(String(offset, radix: 16))): \(message)"
    case .source(let line, let column):
      head = "\(fileName):\(line):\(column): error: \(message)"
    case .whole:
      head = "\(fileName): \(message)"
    }
    guard let hint else { return head }
    return head + "\nhint: " + hint
  }
}
