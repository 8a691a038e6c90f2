import CNcursesw

extension NcursesTerminal {
  /// The bytes that put the terminal back the way `shutdown()` leaves it, for a crash handler
  /// that cannot call ncurses: mouse reporting off, attributes reset, keypad transmit mode off,
  /// the normal screen back (terminfo `rmcup`) and the cursor visible (`cnorm`). Each string is
  /// the terminal's own from terminfo; a capability the terminal lacks is left out. Together
  /// with the `termios` saved before `start(mouse:)`, writing them to standard output is what
  /// `endwin` does, with nothing but `write(2)`.
  public var crashRestoreBytes: [UInt8] {
    var bytes: [UInt8] = []
    if mouseEnabled {
      // xterm mouse reporting off: normal, button-event and SGR-extended tracking.
      bytes += Array("\u{1b}[?1000l\u{1b}[?1002l\u{1b}[?1006l".utf8)
    }
    for capability in ["sgr0", "rmkx", "rmcup", "cnorm"] {
      bytes += Self.terminfoString(capability)
    }
    return bytes
  }

  /// A terminfo string capability (`tigetstr`), or nothing when the terminal lacks it.
  private static func terminfoString(_ name: String) -> [UInt8] {
    guard let value = tigetstr(name),
      UInt(bitPattern: value) != UInt.max
    else { return [] }
    return Array(String(cString: value).utf8)
  }
}
