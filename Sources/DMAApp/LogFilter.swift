import DMASim

/// Which event-log entries the log panel shows (`:log kind dma,cache`, `:log hide beat,shift`,
/// `:log all`): entries whose kind (the `--json` kind, named like the kernel's tracepoints)
/// contains one of the words, or all but those.
public struct LogFilter: Hashable, Sendable {
  /// The words, lowercased.
  public var words: [String]
  /// Whether the words name what to hide rather than what to show.
  public var hides: Bool

  /// Whether the panel shows an entry.
  public func shows(_ entry: LogEntry) -> Bool {
    let kind = entry.kind.lowercased()
    let matches = words.contains { kind.contains($0) }
    return hides ? !matches : matches
  }

  /// How the status bar and `:log` name it: `kind dma,cache` or `hide beat,shift`.
  public var text: String { (hides ? "hide " : "kind ") + words.joined(separator: ",") }
}
