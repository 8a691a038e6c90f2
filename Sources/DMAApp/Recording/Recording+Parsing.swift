import TermCanvas

/// A recording file that could not be read.
public struct RecordingError: Error, Hashable, Sendable, CustomStringConvertible {
  /// 1-based line number.
  public var line: Int
  /// What is wrong.
  public var message: String

  /// `line N: message`.
  public var description: String { "line \(line): \(message)" }
}

extension Recording {
  /// The most events a recording may hold.
  public static let maximumEvents = 2_000_000

  /// Reads the text format written by `text`.
  public init(parsing text: String) throws(RecordingError) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    var index = 0
    func next(_ keyword: String) throws(RecordingError) -> String {
      guard index < lines.count else {
        throw RecordingError(line: index + 1, message: "file ends before `\(keyword)`")
      }
      let line = lines[index]
      index += 1
      guard line == keyword || line.hasPrefix(keyword + " ") else {
        throw RecordingError(
          line: index, message: "expected `\(keyword) ...`, found `\(line.prefix(40))`")
      }
      return String(line.dropFirst(keyword.count).drop { $0 == " " })
    }
    guard try next("dmarec") == "1" else {
      throw RecordingError(line: 1, message: "not a dmascope recording of version 1")
    }
    let title = try next("title")
    let fileName = try next("file")
    guard let size = Self.size(try next("size")) else {
      throw RecordingError(line: index, message: "size must be WIDTHxHEIGHT")
    }
    let themeName = try next("theme")
    let glyphs = try next("glyphs")
    guard glyphs == "ascii" || glyphs == "unicode" else {
      throw RecordingError(line: index, message: "glyphs must be ascii or unicode")
    }
    guard let initialFrame = UInt64(try next("frame"), radix: 16) else {
      throw RecordingError(line: index, message: "frame must be a hexadecimal fingerprint")
    }
    guard let sourceCount = Int(try next("source")), sourceCount >= 0,
      index + sourceCount <= lines.count
    else {
      throw RecordingError(line: index, message: "source line count is missing or too large")
    }
    let source = lines[index..<index + sourceCount].joined(separator: "\n")
    index += sourceCount
    guard let eventCount = Int(try next("events")), (0...Self.maximumEvents).contains(eventCount)
    else {
      throw RecordingError(line: index, message: "event count is missing or too large")
    }
    var events: [Event] = []
    var lastTime = 0
    for _ in 0..<eventCount {
      guard index < lines.count else {
        throw RecordingError(line: index + 1, message: "file ends after \(events.count) events")
      }
      let event = try Self.event(lines[index], line: index + 1)
      guard event.time >= lastTime else {
        throw RecordingError(line: index + 1, message: "times must not go backwards")
      }
      lastTime = event.time
      events.append(event)
      index += 1
    }
    self.init(
      title: title, fileName: fileName, source: source, size: size, themeName: themeName,
      ascii: glyphs == "ascii", initialFrame: initialFrame, events: events)
  }

  private static func event(_ text: String, line: Int) throws(RecordingError) -> Event {
    let parts = text.split(separator: " ").map(String.init)
    guard parts.count >= 3, let time = Int(parts[0]), time >= 0,
      let frame = UInt64(parts[parts.count - 1], radix: 16)
    else {
      throw RecordingError(line: line, message: "expected `TIME MESSAGE FINGERPRINT`")
    }
    let body = Array(parts[1..<(parts.count - 1)])
    let message: Message
    switch body.first {
    case "tick" where body.count == 1: message = .tick
    case "resize" where body.count == 2:
      guard let size = size(body[1]) else {
        throw RecordingError(line: line, message: "resize needs WIDTHxHEIGHT")
      }
      message = .resize(size)
    case "key" where body.count == 2:
      let keys: [Key]
      do { keys = try KeyNotation.parse(body[1]) } catch {
        throw RecordingError(line: line, message: error.description)
      }
      guard keys.count == 1, let key = keys.first else {
        throw RecordingError(line: line, message: "one key per event")
      }
      message = .key(key)
    default:
      throw RecordingError(line: line, message: "unknown event `\(body.joined(separator: " "))`")
    }
    return Event(time: time, message: message, frame: frame)
  }

  private static func size(_ text: String) -> Size? {
    let parts = text.split(separator: "x")
    guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
      (1...1000).contains(width), (1...1000).contains(height)
    else { return nil }
    return Size(width: width, height: height)
  }
}
