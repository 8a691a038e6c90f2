import DMASim
import TermCanvas

/// The input of the panels' adapters: the machine to show and how to show it. A panel itself
/// takes only its view model and the `look`.
public struct PanelContext: Sendable {
  /// The machine state to draw.
  public var machine: Machine
  /// Colours and attributes by role.
  public var theme: Theme
  /// Box and symbol characters (Unicode or ASCII).
  public var glyphs: Glyphs

  /// Creates a context.
  public init(machine: Machine, theme: Theme, glyphs: Glyphs) {
    self.machine = machine
    self.theme = theme
    self.glyphs = glyphs
  }

  /// The look the panels draw with.
  public var look: PanelLook { PanelLook(theme: theme, glyphs: glyphs) }

  /// The style of a role.
  public func style(_ role: Role) -> Style { theme.style(role) }

  /// A span in a role's style.
  public func span(_ text: String, _ role: Role) -> Span { Span(text, style: style(role)) }
}
