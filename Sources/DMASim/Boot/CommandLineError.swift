/// A kernel command-line parameter dmascope cannot read as the kernel means it.
public struct CommandLineError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The parameter name (`cma`).
  public var parameter: String
  /// Its value as written.
  public var value: String
  /// What is wrong.
  public var message: String
  /// How to fix it (and what the kernel would do).
  public var hint: String?

  /// Creates an error.
  public init(parameter: String, value: String, message: String, hint: String? = nil) {
    self.parameter = parameter
    self.value = value
    self.message = message
    self.hint = hint
  }

  /// `cma=64Q: expected ...` then `hint: ...`.
  public var description: String {
    let head = "\(parameter)=\(value): \(message)"
    return hint.map { head + "\nhint: " + $0 } ?? head
  }
}
