/// A position in scenario source text.
///
/// Lines and columns are 1-based. Columns count `Character`s (grapheme clusters), so a tab or an
/// accented letter occupies exactly one column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column, counted in `Character`s.
  public var column: Int

  /// Creates a location from a 1-based line and column.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// Orders locations by line, then by column.
  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  /// The location as `line:column`, the way diagnostics print it.
  public var description: String { "\(line):\(column)" }
}
