/// The directives the scenario language knows, and the call names (declared in `CallRegistry`),
/// for checks and suggestions.
public enum KernelFunctions {
  /// The directive keywords.
  public static let directives = [
    "lesson", "board", "seed", "say", "pause", "run", "expect", "ask", "cmdline", "kernel",
    "config", "arch", "rodata", "cachepolicy",
    // Board overrides.
    "cache", "device",
  ]

  /// Every call name, from `CallRegistry`.
  public static var callNames: [String] { CallRegistry.names }

  /// Every function an `expect` can read (`cpu_view`, `pa`, `bounce`, …), from the lowerer's
  /// table, so the README can be checked against it.
  public static var expectFunctionNames: [String] { Lowerer.expectFunctions.map(\.name) }
}
