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
}
