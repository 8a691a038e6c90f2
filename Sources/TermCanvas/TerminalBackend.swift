/// The operations a terminal implementation provides to `Terminal`.
public protocol TerminalBackend {
  /// Current size of the screen in cells.
  var size: Size { get }

  /// Writes the given cells (not yet visible until `flush()`).
  mutating func apply(_ updates: [CellUpdate])

  /// Blanks the whole screen and forces the next flush to repaint it.
  mutating func clear()

  /// Makes everything written so far visible.
  mutating func flush()

  /// Waits up to `timeoutMilliseconds` (negative: forever, 0: poll) for the
  /// next input event; `nil` on timeout or error.
  mutating func readEvent(timeoutMilliseconds: Int) -> InputEvent?
}
