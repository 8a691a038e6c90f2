/// A statement `ModuleExporter` cannot turn into kernel C, with where it is and what to do.
public struct ExportRefusal: Error, Hashable, Sendable {
  /// The scenario file.
  public var fileName: String
  /// The statement's line (1-based).
  public var line: Int
  /// The column of the call's name on that line (1-based).
  public var column: Int
  /// What cannot be exported.
  public var message: String
  /// What to do instead.
  public var hint: String

  /// Creates a refusal.
  public init(fileName: String, line: Int, column: Int, message: String, hint: String) {
    self.fileName = fileName
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// gcc style: `file:line:column: error: message`, then `hint: ...`.
  public var rendered: String {
    "\(fileName):\(line):\(column): error: \(message)\nhint: \(hint)"
  }
}
