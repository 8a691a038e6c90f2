/// A failure to set up or drive the ncurses terminal.
public struct NcursesError: Error, CustomStringConvertible, Sendable {
  /// Human-readable explanation, suitable for printing to stderr.
  public let message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
