/// Reads a trace line by line into events, keeping a bounded list of diagnostics and a count
/// of the lines it skipped by event name. Feed it lines in order (`read(_:number:)`); nothing
/// needs the whole file at once.
public struct TraceReader: Sendable {
  /// The file name shown in diagnostics.
  public let fileName: String
  /// The events read, in file order.
  public private(set) var events: [TraceEvent] = []
  /// The first `maximumDiagnostics` lines that could not be read.
  public private(set) var diagnostics: [TraceDiagnostic] = []
  /// How many lines could not be read (including those past `maximumDiagnostics`).
  public private(set) var errorCount = 0
  /// Event lines skipped because `dmascope trace` does not read that event, by event name.
  public private(set) var skipped: [String: Int] = [:]
  /// Events the ring buffer dropped (`CPU:N [LOST M EVENTS]`), by CPU.
  public private(set) var lost: [Int: Int] = [:]
  /// Header and comment lines read.
  public private(set) var headerLines = 0
  /// The number of CPUs the `trace` file's header names (`#P:4`), if it has one.
  public private(set) var cpuCount: Int?

  /// Diagnostics kept; later ones are only counted.
  public static let maximumDiagnostics = 20
  /// Events kept: a trace beyond this many is refused with a diagnostic (memory stays bounded).
  public static let maximumEvents = 4_000_000

  /// Creates a reader for a file.
  public init(fileName: String) { self.fileName = fileName }

  /// Reads a whole trace held in memory (tests, small files).
  public static func read(_ text: String, fileName: String) -> TraceReader {
    var reader = TraceReader(fileName: fileName)
    var number = 0
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    // A final newline ends the last line; it does not start another.
    if lines.last?.isEmpty == true { lines.removeLast() }
    for line in lines {
      number += 1
      reader.read(Array(line.utf8)[...], number: number)
    }
    return reader
  }

  /// Reads one line (without its newline).
  public mutating func read(_ bytes: ArraySlice<UInt8>, number: Int) {
    let parsed: TraceLineParser.Line
    do {
      parsed = try TraceLineParser.parse(bytes)
    } catch {
      fail(bytes, number, error)
      return
    }
    switch parsed {
    case .header:
      headerLines += 1
      if cpuCount == nil, let count = Self.headerCPUCount(bytes) { cpuCount = count }
    case .lost(let cpu, let count):
      lost[cpu, default: 0] += count
    case .record(let record):
      let kind: TraceEventKind?
      do {
        kind = try TraceEventDecoder.decode(record)
      } catch {
        fail(bytes, number, error)
        return
      }
      guard let kind else {
        skipped[record.event, default: 0] += 1
        return
      }
      guard events.count < Self.maximumEvents else {
        fail(
          bytes, number,
          TraceLineParser.Problem(
            column: 1, message: "more than \(Self.maximumEvents) events",
            hint: "record fewer events (a shorter run, or fewer event groups) or split the file"))
        return
      }
      events.append(
        TraceEvent(
          line: number, task: record.task, pid: record.pid, cpu: record.cpu,
          nanoseconds: record.nanoseconds, name: record.event, kind: kind))
    }
  }

  private mutating func fail(
    _ bytes: ArraySlice<UInt8>, _ number: Int, _ problem: TraceLineParser.Problem
  ) {
    errorCount += 1
    guard diagnostics.count < Self.maximumDiagnostics else { return }
    var text = bytes
    if text.last == 0x0d { text = text.dropLast() }
    diagnostics.append(
      TraceDiagnostic(
        fileName: fileName, line: number, column: problem.column, message: problem.message,
        hint: problem.hint, sourceLine: String(decoding: text, as: UTF8.self)))
  }

  /// `#P:4` in the `entries-in-buffer/entries-written` header line.
  private static func headerCPUCount(_ bytes: ArraySlice<UInt8>) -> Int? {
    let text = Array(bytes)
    var index = 0
    while index + 3 <= text.count {
      if text[index] == 0x23, text[index + 1] == 0x50, text[index + 2] == 0x3a {
        return TraceLineParser.number(text[(index + 3)...].prefix { $0 >= 0x30 && $0 <= 0x39 })
      }
      index += 1
    }
    return nil
  }

  /// The skipped-lines summary, one `EVENT: N lines` entry per event name, by name.
  public var skippedSummary: [String] {
    skipped.keys.sorted().map { "\($0): \(skipped[$0] ?? 0) lines" }
  }
}
