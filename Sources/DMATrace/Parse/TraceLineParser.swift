/// Splits one line of ftrace text into a `TraceRecord`, or says what kind of non-event line it
/// is. Works on bytes, one line at a time, so a caller can stream a file of any length.
public enum TraceLineParser {
  /// What one line holds.
  public enum Line: Hashable, Sendable {
    /// An event.
    case record(TraceRecord)
    /// A blank line, a `#` header or comment line, `trace-cmd report`'s `cpus=N` or
    /// `version = N` header, or `CPU N is empty`.
    case header
    /// `CPU:N [LOST M EVENTS]`: the ring buffer overflowed and M events are missing.
    case lost(cpu: Int, count: Int)
  }

  /// A problem with a line: the 1-based column, the message and a hint.
  public struct Problem: Error, Hashable, Sendable {
    /// Where the problem starts (1-based).
    public var column: Int
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String

    /// Creates a problem.
    public init(column: Int, message: String, hint: String) {
      self.column = column
      self.message = message
      self.hint = hint
    }
  }

  static let contextHint =
    "an event line reads `TASK-PID [CPU] FLAGS SECONDS.MICROS: EVENT: FIELDS` "
    + "(the trace or trace_pipe file, or `trace-cmd report`)"

  /// Reads one line (without its newline; a trailing carriage return is ignored).
  public static func parse(_ bytes: ArraySlice<UInt8>) throws(Problem) -> Line {
    var end = bytes.endIndex
    while end > bytes.startIndex, bytes[end - 1] == 0x0d || bytes[end - 1] == 0x20 { end -= 1 }
    let line = bytes[bytes.startIndex..<end]
    let base = line.startIndex
    var first = base
    while first < line.endIndex, line[first] == 0x20 || line[first] == 0x09 { first += 1 }
    if first == line.endIndex || line[first] == 0x23 { return .header }
    let text = String(decoding: line[first...], as: UTF8.self)
    if text.hasPrefix("cpus=") || text.hasPrefix("version =") || text.hasPrefix("version=")
      || (text.hasPrefix("CPU ") && text.hasSuffix(" is empty"))
    {
      return .header
    }
    if text.hasPrefix("CPU:"), let lost = lostEvents(text) { return lost }
    guard let open = cpuBracket(line) else {
      throw Problem(
        column: first - base + 1, message: "no `[CPU]` field in this line", hint: contextHint)
    }
    var close = open + 1
    while line[close] != 0x5d { close += 1 }
    let cpu = number(line[(open + 1)..<close]) ?? 0
    var head = open
    while head > first, line[head - 1] == 0x20 { head -= 1 }
    var owner = line[first..<head]
    if owner.last == 0x29, let paren = owner.lastIndex(of: 0x28) {
      // `(TGID)` from record-tgid, or `(-------)`.
      var cut = paren
      while cut > owner.startIndex, owner[cut - 1] == 0x20 { cut -= 1 }
      owner = owner[owner.startIndex..<cut]
    }
    guard let dash = owner.lastIndex(of: 0x2d), let pid = number(owner[(dash + 1)...]) else {
      throw Problem(
        column: first - base + 1, message: "no `TASK-PID` before the `[CPU]` field",
        hint: contextHint)
    }
    let task = String(decoding: owner[owner.startIndex..<dash], as: UTF8.self)
    var cursor = close + 1
    var flags = ""
    var token = nextToken(line, from: &cursor)
    if let current = token, line[current.upperBound - 1] != 0x3a {
      flags = String(decoding: line[current], as: UTF8.self)
      token = nextToken(line, from: &cursor)
    }
    guard let stamp = token, line[stamp.upperBound - 1] == 0x3a,
      let nanoseconds = timestamp(line[stamp.lowerBound..<(stamp.upperBound - 1)])
    else {
      throw Problem(
        column: (token?.lowerBound ?? cursor) - base + 1,
        message: "no `SECONDS.MICROS:` timestamp after the `[CPU]` field", hint: contextHint)
    }
    while cursor < line.endIndex, line[cursor] == 0x20 { cursor += 1 }
    let nameStart = cursor
    while cursor < line.endIndex, line[cursor] != 0x3a, line[cursor] != 0x20 { cursor += 1 }
    guard cursor < line.endIndex, line[cursor] == 0x3a, cursor > nameStart else {
      throw Problem(
        column: nameStart - base + 1, message: "no `EVENT:` name after the timestamp",
        hint: contextHint)
    }
    let event = String(decoding: line[nameStart..<cursor], as: UTF8.self)
    cursor += 1
    while cursor < line.endIndex, line[cursor] == 0x20 { cursor += 1 }
    let body = Substring(String(decoding: line[cursor...], as: UTF8.self))
    return .record(
      TraceRecord(
        task: task, pid: pid, cpu: cpu, flags: flags, nanoseconds: nanoseconds, event: event,
        body: body, bodyColumn: cursor - base + 1))
  }

  /// The first `[digits]` preceded by a space (the task name comes before it).
  private static func cpuBracket(_ line: ArraySlice<UInt8>) -> Int? {
    var index = line.startIndex
    while index < line.endIndex {
      if line[index] == 0x5b, index > line.startIndex, line[index - 1] == 0x20 {
        var digit = index + 1
        while digit < line.endIndex, line[digit] >= 0x30, line[digit] <= 0x39 { digit += 1 }
        if digit > index + 1, digit < line.endIndex, line[digit] == 0x5d { return index }
      }
      index += 1
    }
    return nil
  }

  private static func nextToken(_ line: ArraySlice<UInt8>, from cursor: inout Int) -> Range<Int>? {
    while cursor < line.endIndex, line[cursor] == 0x20 { cursor += 1 }
    let start = cursor
    while cursor < line.endIndex, line[cursor] != 0x20 { cursor += 1 }
    return cursor > start ? start..<cursor : nil
  }

  /// A decimal number of at most 18 digits (so it cannot overflow).
  static func number(_ digits: ArraySlice<UInt8>) -> Int? {
    guard !digits.isEmpty, digits.count <= 18 else { return nil }
    var value = 0
    for byte in digits {
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    return value
  }

  /// `SECONDS.FRACTION` (up to 9 decimals) or a bare counter, in nanoseconds.
  private static func timestamp(_ text: ArraySlice<UInt8>) -> UInt64? {
    let dot = text.firstIndex(of: 0x2e)
    guard let whole = number(text[text.startIndex..<(dot ?? text.endIndex)]) else { return nil }
    var fraction = 0
    if let dot {
      let digits = text[(dot + 1)...]
      guard digits.count <= 9, let value = number(digits) else { return nil }
      fraction = value
      for _ in digits.count..<9 { fraction *= 10 }
    }
    guard dot != nil else { return UInt64(whole) }
    let (seconds, overflow) = UInt64(whole).multipliedReportingOverflow(by: 1_000_000_000)
    guard !overflow else { return nil }
    return seconds.addingReportingOverflow(UInt64(fraction)).overflow
      ? nil : seconds + UInt64(fraction)
  }

  private static func lostEvents(_ text: String) -> Line? {
    // `CPU:2 [LOST 123 EVENTS]` (kernel/trace/trace.c print_trace_line).
    let parts = text.split(separator: " ")
    guard parts.count == 4, parts[1] == "[LOST", parts[3] == "EVENTS]",
      let cpu = Int(parts[0].dropFirst(4)), let count = Int(parts[2])
    else { return nil }
    return .lost(cpu: cpu, count: count)
  }
}
