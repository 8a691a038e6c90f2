import TermCanvas

/// The text form of keys used by `--keys` and recordings: a printable character stands for
/// itself; other keys are written in angle brackets (`<Space>`, `<Enter>`, `<Tab>`, `<S-Tab>`,
/// `<Esc>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<PgUp>`, `<PgDn>`, `<Home>`, `<End>`,
/// `<BS>`, `<Del>`, `<F1>`…`<F12>`, `<C-x>`, and `<lt>` for `<` itself). A script (`--keys`)
/// may also hold `<wait 2s>` or `<wait 500ms>`: a pause before the next key.
public enum KeyNotation {
  /// One step of a key script: a key, or a pause of some milliseconds before the next key.
  public enum Step: Hashable, Sendable {
    /// Type this key.
    case key(Key)
    /// Wait this many milliseconds (1…600000) before the next step.
    case wait(milliseconds: Int)
  }

  /// The longest `<wait …>`, in milliseconds (ten minutes).
  public static let longestWait = 600_000

  /// A key sequence that could not be read.
  public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based position of the offending character.
    public var column: Int
    /// What is wrong.
    public var message: String

    /// The message with its column.
    public var description: String { "column \(column): \(message)" }
  }

  private static let named: [(String, Key)] = [
    ("Space", .character(" ")), ("Enter", .enter), ("Tab", .tab), ("S-Tab", .backTab),
    ("Esc", .escape), ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
    ("PgUp", .pageUp), ("PgDn", .pageDown), ("Home", .home), ("End", .end),
    ("BS", .backspace), ("Del", .delete), ("lt", .character("<")),
  ]

  /// Parses a key sequence such as `sss<Space>?<Esc>q` (no waits: a `<wait …>` is refused).
  public static func parse(_ text: String) throws(ParseError) -> [Key] {
    var keys: [Key] = []
    for (step, column) in try steps(text) {
      switch step {
      case .key(let key): keys.append(key)
      case .wait:
        throw ParseError(
          column: column, message: "<wait …> pauses a --keys script; it is not a key")
      }
    }
    return keys
  }

  /// Parses a key script such as `ss<wait 2s>c<wait 500ms>q`.
  public static func parseScript(_ text: String) throws(ParseError) -> [Step] {
    try steps(text).map(\.step)
  }

  private static func steps(_ text: String) throws(ParseError) -> [(step: Step, column: Int)] {
    var keys: [(step: Step, column: Int)] = []
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      guard character == "<" else {
        if character == "\n" || character == "\r" {
          index += 1
          continue
        }
        keys.append((.key(.character(character)), index + 1))
        index += 1
        continue
      }
      guard let close = characters[index...].firstIndex(of: ">") else {
        throw ParseError(column: index + 1, message: "`<` without a closing `>` (write <lt> for <)")
      }
      let name = String(characters[(index + 1)..<close])
      if name == "wait" || name.hasPrefix("wait ") {
        keys.append((.wait(milliseconds: try wait(name, column: index + 1)), index + 1))
        index = close + 1
        continue
      }
      guard let key = key(named: name) else {
        throw ParseError(
          column: index + 1,
          message: "unknown key <\(name)>; known: "
            + named.map { "<\($0.0)>" }.joined(separator: " ")
            + " <F1>…<F12> <C-a>…<C-z> <wait 2s>")
      }
      keys.append((.key(key), index + 1))
      index = close + 1
    }
    return keys
  }

  /// The milliseconds of `wait 2s`, `wait 1.5s` or `wait 500ms`.
  private static func wait(_ name: String, column: Int) throws(ParseError) -> Int {
    let usage = "write <wait 2s>, <wait 1.5s> or <wait 500ms> (at most 600s)"
    var amount = name.dropFirst("wait".count).drop(while: { $0 == " " })
    while amount.last == " " { amount = amount.dropLast() }
    let milliseconds: Int?
    if amount.hasSuffix("ms") {
      milliseconds = Int(amount.dropLast(2))
    } else if amount.hasSuffix("s") {
      milliseconds = thousandths(of: amount.dropLast())
    } else {
      milliseconds = nil
    }
    guard let milliseconds, (1...longestWait).contains(milliseconds) else {
      throw ParseError(column: column, message: "bad wait <\(name)>: \(usage)")
    }
    return milliseconds
  }

  /// `1.5` as 1500, `2` as 2000; nil for anything else or more than three decimals.
  private static func thousandths(of text: Substring) -> Int? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
      let whole = Int(parts[0]), whole >= 0, whole <= longestWait / 1000
    else { return nil }
    var fraction = 0
    if parts.count == 2 {
      let digits = parts[1]
      guard (1...3).contains(digits.count), digits.allSatisfy(\.isNumber),
        let value = Int(digits)
      else { return nil }
      fraction = value * [100, 10, 1][digits.count - 1]
    }
    return whole * 1000 + fraction
  }

  /// The text form of one key.
  public static func format(_ key: Key) -> String {
    if let name = named.first(where: { $0.1 == key })?.0 { return "<\(name)>" }
    switch key {
    case .character(let character): return String(character)
    case .function(let number): return "<F\(number)>"
    case .control(let letter): return "<C-\(letter)>"
    default: return "<?>"
    }
  }

  private static func key(named name: String) -> Key? {
    if let found = named.first(where: { $0.0 == name })?.1 { return found }
    if name.hasPrefix("F"), let number = Int(name.dropFirst()), (1...12).contains(number) {
      return .function(number)
    }
    if name.hasPrefix("C-"), name.count == 3, let letter = name.last, letter.isLetter {
      return .control(Character(letter.lowercased()))
    }
    return nil
  }
}
