/// Thrown inside the parser to abandon the current statement.
struct ParseFailure: Error {
  /// The problem to report, or `nil` if it was already reported (by the lexer).
  var diagnostic: Diagnostic?

  /// A failure at text the lexer already reported.
  static let silent = ParseFailure(diagnostic: nil)
}
