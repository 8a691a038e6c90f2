/// Resource limits that keep the parser fast and safe on hostile or broken input.
///
/// Exceeding a limit produces an ordinary diagnostic; the parser never crashes or recurses
/// without bound. `maxNestingDepth` bounds recursion, so very large values (many thousands)
/// give up that protection against stack exhaustion.
public struct ParseLimits: Hashable, Sendable {
  /// The largest accepted source, in UTF-8 bytes. Larger sources are rejected unparsed.
  public var maxSourceBytes: Int
  /// The longest accepted line, in `Character`s. Longer lines are reported and skipped.
  public var maxLineLength: Int
  /// The deepest accepted expression nesting: brackets, calls, operators and member chains
  /// each add a level.
  public var maxNestingDepth: Int
  /// The most statements accepted; parsing stops after this many.
  public var maxStatements: Int
  /// The most diagnostics reported; a final "too many errors" diagnostic marks the cut.
  public var maxDiagnostics: Int

  /// Creates limits; every parameter defaults to the value in `ParseLimits.default`.
  public init(
    maxSourceBytes: Int = 1 << 20,
    maxLineLength: Int = 4096,
    maxNestingDepth: Int = 64,
    maxStatements: Int = 100_000,
    maxDiagnostics: Int = 1000
  ) {
    self.maxSourceBytes = maxSourceBytes
    self.maxLineLength = maxLineLength
    self.maxNestingDepth = maxNestingDepth
    self.maxStatements = maxStatements
    self.maxDiagnostics = maxDiagnostics
  }

  /// 1 MiB of source, 4096-character lines, 64 nesting levels, 100,000 statements and
  /// 1000 diagnostics.
  public static let `default` = ParseLimits()
}
