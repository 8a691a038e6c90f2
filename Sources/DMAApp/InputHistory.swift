/// Lines typed at the `:` or `/` prompt, oldest first, walked with Up and Down like a shell's.
public struct InputHistory: Hashable, Sendable {
  /// The lines, oldest first (a line equal to the newest is not added twice).
  public private(set) var lines: [String] = []
  /// Where Up/Down stand (nil: at the line being typed).
  var position: Int?
  /// What was typed before Up was first pressed, restored by Down past the newest line.
  var draft = ""
  /// The most lines kept.
  static let capacity = 100

  /// An empty history.
  public init() {}

  /// Adds an entered line and resets the position.
  mutating func add(_ line: String) {
    position = nil
    guard !line.isEmpty, lines.last != line else { return }
    lines.append(line)
    if lines.count > Self.capacity { lines.removeFirst(lines.count - Self.capacity) }
  }

  /// The older line for Up, or nil at the oldest.
  mutating func older(than typed: String) -> String? {
    guard !lines.isEmpty else { return nil }
    if position == nil { draft = typed }
    let next = (position ?? lines.count) - 1
    guard next >= 0 else { return nil }
    position = next
    return lines[next]
  }

  /// The newer line for Down (the draft past the newest), or nil when not in the history.
  mutating func newer() -> String? {
    guard let current = position else { return nil }
    if current + 1 < lines.count {
      position = current + 1
      return lines[current + 1]
    }
    position = nil
    return draft
  }
}

/// Tab completion of the word before the cursor (the end of the line).
enum LineCompletion {
  /// The result of completing: the new text, and the candidates when more than one fits.
  struct Outcome: Hashable {
    var text: String
    var candidates: [String]
  }

  /// Completes the last word of `text` among `candidates`: to the only match, or to the
  /// longest prefix all matches share (then listing them).
  static func complete(_ text: String, among candidates: [String]) -> Outcome {
    let head: Substring
    let word: Substring
    if let space = text.lastIndex(of: " ") {
      head = text[...space]
      word = text[text.index(after: space)...]
    } else {
      head = ""
      word = Substring(text)
    }
    var seen = Set<String>()
    let matches = candidates.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
    guard let first = matches.first else { return Outcome(text: text, candidates: []) }
    if matches.count == 1 { return Outcome(text: head + first + " ", candidates: []) }
    var prefix = first
    for match in matches.dropFirst() {
      while !match.hasPrefix(prefix) { prefix.removeLast() }
    }
    return Outcome(text: head + prefix, candidates: matches)
  }
}
