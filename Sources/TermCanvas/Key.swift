/// A key press, decoded from the terminal.
public enum Key: Hashable, Sendable {
  /// A printable character (including space and shifted letters).
  case character(Character)
  /// Enter / Return.
  case enter
  /// Escape.
  case escape
  /// Tab.
  case tab
  /// Shift-Tab.
  case backTab
  /// Cursor up.
  case up
  /// Cursor down.
  case down
  /// Cursor left.
  case left
  /// Cursor right.
  case right
  /// Page Up.
  case pageUp
  /// Page Down.
  case pageDown
  /// Home.
  case home
  /// End.
  case end
  /// Backspace.
  case backspace
  /// Delete.
  case delete
  /// Function key F1, F2, ... (the associated value is the number).
  case function(Int)
  /// Control plus a character; backends report letters in lower case, for
  /// example `.control("c")` for Ctrl-C.
  case control(Character)

  /// Human-readable name for help screens and footers: `s`, `S`, `Space`,
  /// `Tab`, `Shift-Tab`, `Enter`, `Esc`, `Up`, `PgUp`, `F1`, `Ctrl-C`, ...
  public var displayName: String {
    switch self {
    case .character(" "): return "Space"
    case .character(let character):
      return Cell.isControl(character) ? "?" : String(character)
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .up: return "Up"
    case .down: return "Down"
    case .left: return "Left"
    case .right: return "Right"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .backspace: return "Backspace"
    case .delete: return "Del"
    case .function(let number): return "F\(number)"
    case .control(let character): return "Ctrl-" + character.uppercased()
    }
  }
}
