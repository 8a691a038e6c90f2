/// A half-open span of scenario source text: `start` is included, `end` is not.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  /// The first position inside the range.
  public var start: SourceLocation
  /// The first position after the range.
  public var end: SourceLocation

  /// Creates a range from its inclusive start and exclusive end.
  public init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = end
  }

  /// The range as `line:column-line:column`.
  public var description: String { "\(start)-\(end)" }
}
