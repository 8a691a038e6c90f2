import TermCanvas

/// The text form of keys used by `--keys` and recordings: a printable character stands for
/// itself; other keys are written in angle brackets (`<Space>`, `<Enter>`, `<Tab>`, `<S-Tab>`,
/// `<Esc>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<PgUp>`, `<PgDn>`, `<Home>`, `<End>`,
/// `<BS>`, `<Del>`, `<F1>`…`<F12>`, `<C-x>`, and `<lt>` for `<` itself).
public enum KeyNotation {
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

  /// Parses a key sequence such as `sss<Space>?<Esc>q`.
  public static func parse(_ text: String) throws(ParseError) -> [Key] {
    var keys: [Key] = []
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      guard character == "<" else {
        if character == "\n" || character == "\r" {
          index += 1
          continue
        }
        keys.append(.character(character))
        index += 1
        continue
      }
      guard let close = characters[index...].firstIndex(of: ">") else {
        throw ParseError(column: index + 1, message: "`<` without a closing `>` (write <lt> for <)")
      }
      let name = String(characters[(index + 1)..<close])
      guard let key = key(named: name) else {
        throw ParseError(
          column: index + 1,
          message: "unknown key <\(name)>; known: "
            + named.map { "<\($0.0)>" }.joined(separator: " ")
            + " <F1>…<F12> <C-a>…<C-z>")
      }
      keys.append(key)
      index = close + 1
    }
    return keys
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
