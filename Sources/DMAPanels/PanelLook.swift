import TermCanvas

/// How a panel draws, without what it draws: colours and attributes by role, and box and
/// symbol characters. Panels take a `PanelLook` and their own view model, never the machine.
public struct PanelLook: Sendable {
  /// Colours and attributes by role.
  public var theme: Theme
  /// Box and symbol characters (Unicode or ASCII).
  public var glyphs: Glyphs

  /// Creates a look.
  public init(theme: Theme, glyphs: Glyphs) {
    self.theme = theme
    self.glyphs = glyphs
  }

  /// The style of a role.
  public func style(_ role: Role) -> Style { theme.style(role) }

  /// A span in a role's style.
  public func span(_ text: String, _ role: Role) -> Span { Span(text, style: style(role)) }

  /// Text from the simulation or the scenario (log messages, narration, source lines) as the
  /// glyph set can draw it (see `DrawableText`).
  func drawable(_ text: String) -> String { DrawableText.make(text, glyphs: glyphs) }
}
