import CNcursesw
import TermCanvas

/// A `TerminalBackend` drawing with ncursesw on the process's terminal.
///
/// Create it with `start(mouse:)`; call `shutdown()` (or let it deinitialise)
/// to restore the terminal. Only one instance should be active at a time.
public final class NcursesTerminal: TerminalBackend {
  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private var colors: NcursesColorMapper
  private var active = true

  /// Number of colours the terminal supports (ncurses `COLORS`), or 0 when it
  /// has no colour; use it to choose a `Theme`.
  public var colorCount: Int { colors.colorCount }

  /// Whether mouse reporting was requested and accepted.
  public let mouseEnabled: Bool

  private init(
    screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>,
    colors: NcursesColorMapper, mouseEnabled: Bool
  ) {
    self.screen = screen
    self.window = window
    self.colors = colors
    self.mouseEnabled = mouseEnabled
  }

  deinit {
    shutdown()
  }

  /// Switches the terminal to full-screen mode: locale from the environment,
  /// cbreak, no echo, keypad decoding, hidden cursor, 25 ms escape delay,
  /// colours (with the terminal's default colours) when available and,
  /// optionally, mouse reporting (primary button and wheel).
  ///
  /// Throws `NcursesError` when the terminal cannot be initialised (for
  /// example an unknown `TERM`) instead of exiting the process.
  public static func start(mouse: Bool) throws -> NcursesTerminal {
    _ = cnc_setlocale_from_environment()
    guard let screen = cnc_newterm_stdio() else {
      let term = cnc_term_name().map { String(cString: $0) } ?? "(unset)"
      throw NcursesError(
        "cannot initialise the terminal (TERM=\(term)); check TERM and that stdin/stdout "
          + "are a terminal")
    }
    _ = set_term(screen)
    guard let window = cnc_stdscr() else {
      endwin()
      delscreen(screen)
      throw NcursesError("ncurses did not create a standard screen")
    }
    _ = cbreak()
    _ = noecho()
    _ = nonl()
    _ = keypad(window, true)
    _ = curs_set(0)
    _ = set_escdelay(25)
    var colorCount = 0
    var defaultColors = false
    if has_colors() && start_color() == OK {
      defaultColors = use_default_colors() == OK
      colorCount = Int(cnc_colors())
    }
    var mouseEnabled = false
    if mouse {
      let wanted =
        cnc_button1_pressed() | cnc_button1_released() | cnc_button4_pressed()
        | cnc_button5_pressed()
      mouseEnabled = mousemask(wanted, nil) != 0
      _ = mouseinterval(0)
    }
    let colors = NcursesColorMapper(
      colorCount: colorCount, defaultColors: defaultColors, pairLimit: cnc_color_pairs())
    return NcursesTerminal(
      screen: screen, window: window, colors: colors, mouseEnabled: mouseEnabled)
  }

  /// Restores the terminal (`endwin`). Safe to call more than once; later
  /// calls to other methods do nothing.
  public func shutdown() {
    guard active else { return }
    active = false
    if mouseEnabled {
      _ = mousemask(0, nil)
    }
    endwin()
    delscreen(screen)
  }

  /// The current screen size (`getmaxyx` of the standard screen).
  public var size: Size {
    guard active else { return .zero }
    return Size(width: Int(cnc_getmaxx(window)), height: Int(cnc_getmaxy(window)))
  }

  /// Writes each cell with its attributes and colour pair.
  public func apply(_ updates: [CellUpdate]) {
    guard active else { return }
    let bounds = size
    for update in updates {
      guard update.x >= 0, update.y >= 0, update.x < bounds.width, update.y < bounds.height
      else { continue }
      let rendition = colors.rendition(for: update.cell.style)
      var scalars = update.cell.displaySymbol.unicodeScalars.map(\.value)
      _ = cnc_put_cell(
        window, Int32(update.y), Int32(update.x), &scalars, Int32(clamping: scalars.count),
        rendition.attributes, rendition.pair)
    }
  }

  /// Blanks the screen and makes the next flush repaint it completely.
  public func clear() {
    guard active else { return }
    _ = clearok(window, true)
    _ = werase(window)
  }

  /// Sends pending changes to the terminal (`wnoutrefresh` + `doupdate`).
  public func flush() {
    guard active else { return }
    _ = wnoutrefresh(window)
    _ = doupdate()
  }

  /// Waits up to `timeoutMilliseconds` (negative: forever) for a key, mouse
  /// or resize event; `nil` on timeout, error (including EINTR) or keys with
  /// no `Key` equivalent.
  public func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
    guard active else { return nil }
    wtimeout(window, Int32(clamping: max(-1, timeoutMilliseconds)))
    var code: wint_t = 0
    let status = wget_wch(window, &code)
    if status == cnc_key_code_yes() {
      return functionKeyEvent(Int32(clamping: code))
    }
    guard status == OK else { return nil }
    return NcursesKeyMap.characterKey(UInt32(code)).map(InputEvent.key)
  }

  private func functionKeyEvent(_ code: Int32) -> InputEvent? {
    if code == cnc_key_resize() { return .resize(size) }
    if code == cnc_key_mouse() { return mouseEvent() }
    return NcursesKeyMap.functionKey(code).map(InputEvent.key)
  }

  private func mouseEvent() -> InputEvent? {
    var event = MEVENT()
    guard getmouse(&event) == OK else { return nil }
    let state = event.bstate
    let kind: MouseEvent.Kind
    if state & cnc_button4_pressed() != 0 {
      kind = .scrollUp
    } else if state & cnc_button5_pressed() != 0 {
      kind = .scrollDown
    } else if state & (cnc_button1_pressed() | cnc_button1_clicked()) != 0 {
      kind = .press
    } else if state & cnc_button1_released() != 0 {
      kind = .release
    } else {
      return nil
    }
    return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), kind: kind))
  }
}
