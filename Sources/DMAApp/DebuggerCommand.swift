import DMAScenario

/// One `:` command: its name, the short forms it answers to, its syntax and what it does.
struct DebuggerCommand: Hashable, Sendable {
  /// The full name.
  var name: String
  /// Other spellings (`b` for `break`).
  var aliases: [String] = []
  /// The syntax, as `:help` prints it.
  var usage: String
  /// One line on what it does.
  var summary: String

  /// Every command, in the order `:help` lists them.
  static let all: [DebuggerCommand] = [
    DebuggerCommand(
      name: "break", aliases: ["b"],
      usage: ":break FUNCTION|LINE|line N|violation|complete|evict [if EXPR]",
      summary: "stop before a kernel function or line runs, or at a driver mistake, "
        + "a completion, an eviction"),
    DebuggerCommand(
      name: "tbreak", aliases: ["tb"], usage: ":tbreak FUNCTION|LINE [if EXPR]",
      summary: "a breakpoint deleted once it stops the run"),
    DebuggerCommand(
      name: "watch", aliases: ["w"],
      usage: ":watch BUFFER|ADDR [SIZE] [cpu|device] | dirty BUFFER | differs BUFFER [SIZE]",
      summary: "stop after a write to the bytes (or when a line becomes dirty, or the CPU's "
        + "view starts to differ from RAM)"),
    DebuggerCommand(
      name: "rwatch", usage: ":rwatch BUFFER|ADDR [SIZE] [cpu|device]",
      summary: "stop after a read of the bytes"),
    DebuggerCommand(
      name: "awatch", usage: ":awatch BUFFER|ADDR [SIZE] [cpu|device]",
      summary: "stop after a read or a write of the bytes"),
    DebuggerCommand(
      name: "condition", usage: ":condition N [EXPR]",
      summary: "stop at breakpoint N only where EXPR holds (none: always)"),
    DebuggerCommand(
      name: "ignore", usage: ":ignore N COUNT", summary: "let the next COUNT hits of N pass"),
    DebuggerCommand(
      name: "delete", aliases: ["d"], usage: ":delete [N...]",
      summary: "delete breakpoints (all without N)"),
    DebuggerCommand(
      name: "disable", usage: ":disable [N...]", summary: "stop checking breakpoints"),
    DebuggerCommand(
      name: "enable", usage: ":enable [N...]", summary: "check breakpoints again"),
    DebuggerCommand(
      name: "info", aliases: ["i", "breakpoints"], usage: ":info [breakpoints] (or :i b)",
      summary: "the breakpoint table: number, type, enabled, hits, condition"),
    DebuggerCommand(
      name: "goto", aliases: ["g"], usage: ":goto STEP", summary: "go to a step, either way"),
    DebuggerCommand(
      name: "help", aliases: ["h"], usage: ":help [COMMAND]", summary: "commands, or one in detail"),
    DebuggerCommand(
      name: "record", aliases: ["record!"],
      usage: ":record start FILE.cast|FILE.dmarec | :record stop | :record FILE.dmarec",
      summary:
        "record from now until :record stop (a .cast or a .dmarec), or save the whole session;"
        + " an existing file only with :record!"),
    DebuggerCommand(
      name: "log", usage: ":log kind dma,cache | :log hide beat,shift | :log all",
      summary: "show only the log entries whose kind has a word, hide them, or show all"),
    DebuggerCommand(
      name: "set", usage: ":set pacing lecture|free | :set speed STEPS_PER_SECOND",
      summary: "how Space plays (lecture: to the next narration; free: past them), the speed"),
    DebuggerCommand(
      name: "theme", usage: ":theme default|monochrome|high-contrast", summary: "change colours"),
    DebuggerCommand(name: "quit", aliases: ["q"], usage: ":quit", summary: "quit dmascope"),
  ]

  /// The command a typed verb names (full name or alias).
  static func named(_ verb: String) -> DebuggerCommand? {
    all.first { $0.name == verb || $0.aliases.contains(verb) }
  }

  /// Every name and alias, for completion.
  static var names: [String] { all.map(\.name) }
}

/// "Did you mean" lists: the candidates nearest a misspelled name.
enum NearestNames {
  /// Up to `limit` candidates within edit distance of `name`, closest first (ties in the
  /// candidates' order), as "`a`, `b` or `c`"; nil when none is near.
  static func text(for name: String, in candidates: [String], limit: Int = 3) -> String? {
    let maximum = max(2, name.count / 3)
    var seen = Set<String>()
    let scored = candidates.enumerated().compactMap { offset, candidate -> (Int, Int, String)? in
      guard seen.insert(candidate).inserted else { return nil }
      let distance = NameSuggestion.distance(name, candidate)
      let prefix = candidate.hasPrefix(name) && !name.isEmpty
      guard distance <= maximum || prefix else { return nil }
      return (prefix ? min(distance, 1) : distance, offset, candidate)
    }
    let best = scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map { "`\($0.2)`" }
    guard !best.isEmpty else { return nil }
    if best.count == 1 { return best[0] }
    return best.dropLast().joined(separator: ", ") + " or " + (best.last ?? "")
  }
}
