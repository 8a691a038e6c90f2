import TermCanvas

/// A deterministic recording: the scenario, the start conditions and every input message with
/// its time and the fingerprint of the frame it produced. Replaying it rebuilds every frame.
///
/// The text format is line based:
///
///     dmarec 1
///     title Your first DMA transfer
///     file first-transfer.dms
///     size 100x30
///     theme default
///     glyphs unicode
///     source 31
///     <31 lines of scenario source>
///     events 3
///     0 key s 9f0c…
///     500 tick 77a1…
///     900 resize 120x40 0b3e…
///
/// Times are milliseconds from the start; the hexadecimal number is the frame fingerprint.
public struct Recording: Hashable, Sendable {
  /// One input and the frame it produced.
  public struct Event: Hashable, Sendable {
    /// Milliseconds since the start (for pacing a replay).
    public var time: Int
    /// The input.
    public var message: Message
    /// `Buffer.fingerprint` of the frame after the input.
    public var frame: UInt64

    /// Creates an event.
    public init(time: Int, message: Message, frame: UInt64) {
      self.time = time
      self.message = message
      self.frame = frame
    }
  }

  /// The scenario title.
  public var title: String
  /// The scenario's file name (for diagnostics).
  public var fileName: String
  /// The scenario source, so a recording replays on its own.
  public var source: String
  /// The terminal size at the start.
  public var size: Size
  /// The theme name.
  public var themeName: String
  /// Whether ASCII glyphs were used.
  public var ascii: Bool
  /// `Buffer.fingerprint` of the first frame, before any input.
  public var initialFrame: UInt64
  /// The inputs in order.
  public var events: [Event]

  /// Creates a recording.
  public init(
    title: String, fileName: String, source: String, size: Size, themeName: String, ascii: Bool,
    initialFrame: UInt64, events: [Event] = []
  ) {
    self.title = title
    self.fileName = fileName
    self.source = source
    self.size = size
    self.themeName = themeName
    self.ascii = ascii
    self.initialFrame = initialFrame
    self.events = events
  }

  /// The recording as text.
  public var text: String {
    let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
    var lines = [
      "dmarec 1", "title \(title)", "file \(fileName)", "size \(size.width)x\(size.height)",
      "theme \(themeName)", "glyphs \(ascii ? "ascii" : "unicode")",
      "frame \(Self.hex(initialFrame))", "source \(sourceLines.count)",
    ]
    lines += sourceLines.map(String.init)
    lines.append("events \(events.count)")
    for event in events {
      lines.append("\(event.time) \(Self.format(event.message)) \(Self.hex(event.frame))")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
  }

  static func format(_ message: Message) -> String {
    switch message {
    case .key(let key): "key \(KeyNotation.format(key))"
    case .tick: "tick"
    case .resize(let size): "resize \(size.width)x\(size.height)"
    }
  }
}
