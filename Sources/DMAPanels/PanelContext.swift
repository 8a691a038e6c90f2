import DMASim
import TermCanvas

/// Everything a panel needs to draw itself: the state to show and how to show it.
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

  /// The style of a role.
  public func style(_ role: Role) -> Style { theme.style(role) }

  /// A span in a role's style.
  public func span(_ text: String, _ role: Role) -> Span { Span(text, style: style(role)) }
}

/// Short formatting helpers shared by the panels.
enum Format {
  /// An address as 8 hex digits when it fits in 32 bits, else 16.
  static func address(_ value: UInt64) -> String {
    value <= 0xffff_ffff ? Hex.format(value, digits: 8) : Hex.format(value, digits: 16)
  }

  /// Pads or cuts text to exactly `width` columns.
  static func fit(_ text: String, _ width: Int) -> String {
    let characters = Array(text)
    if characters.count >= width { return String(characters.prefix(max(0, width))) }
    return text + String(repeating: " ", count: width - characters.count)
  }

  /// A size as `128 B`, `4 KiB`.
  static func size(_ bytes: UInt64) -> String {
    let text = Hex.size(bytes)
    return text.hasSuffix(" bytes") ? "\(bytes) B" : text
  }
}
