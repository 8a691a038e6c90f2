/// An append-only, persistent event log.
///
/// Appending is O(1) and shares all earlier entries with every copy, so each `Machine` snapshot
/// in the history keeps its own log without copying it.
public struct EventLog: Sendable {
  private final class Node: Sendable {
    let entry: LogEntry
    let previous: Node?
    let count: Int

    init(entry: LogEntry, previous: Node?) {
      self.entry = entry
      self.previous = previous
      count = (previous?.count ?? 0) + 1
    }
  }

  private var head: Node?

  /// Creates an empty log.
  public init() {}

  /// Number of entries.
  public var count: Int { head?.count ?? 0 }

  /// Appends an entry.
  public mutating func append(_ entry: LogEntry) { head = Node(entry: entry, previous: head) }

  /// The newest `limit` entries, oldest first.
  public func suffix(_ limit: Int) -> [LogEntry] {
    var result: [LogEntry] = []
    var node = head
    while let current = node, result.count < limit {
      result.append(current.entry)
      node = current.previous
    }
    return result.reversed()
  }

  /// Every entry, oldest first.
  public var entries: [LogEntry] { suffix(count) }

  /// The newest entry.
  public var last: LogEntry? { head?.entry }
}

extension EventLog: Equatable {
  /// Two logs are equal when they hold the same entries in the same order.
  public static func == (lhs: EventLog, rhs: EventLog) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var left = lhs.head
    var right = rhs.head
    while let l = left, let r = right {
      if l === r { return true }
      if l.entry != r.entry { return false }
      left = l.previous
      right = r.previous
    }
    return true
  }
}

extension EventLog: Hashable {
  /// Hashes the count and the newest entry (enough to separate logs cheaply).
  public func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    hasher.combine(last)
  }
}
