/// Anything a terminal backend can report.
public enum InputEvent: Hashable, Sendable {
  /// A key press.
  case key(Key)
  /// The terminal now has this size.
  case resize(Size)
  /// A mouse action.
  case mouse(MouseEvent)
}
