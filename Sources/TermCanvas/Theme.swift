/// Maps every `Role` to a concrete `Style`.
public struct Theme: Hashable, Sendable {
  /// The theme's name, as accepted by `Theme.named(_:)`.
  public let name: String

  /// Style per role; always holds every `Role`.
  let styles: [Role: Style]

  /// Creates a theme by asking `style` for every role.
  public init(name: String, style: (Role) -> Style) {
    self.name = name
    var styles: [Role: Style] = [:]
    for role in Role.allCases {
      styles[role] = style(role)
    }
    self.styles = styles
  }

  /// The style for `role`.
  public func style(_ role: Role) -> Style {
    styles[role] ?? .plain
  }

  /// A copy of this theme with `role` drawn in `style`.
  public func replacing(_ role: Role, with style: Style) -> Theme {
    Theme(name: name) { $0 == role ? style : self.style($0) }
  }

  /// The colour theme; uses only the 16 basic colours so it works on 8- and
  /// 16-colour terminals.
  public static let `default` = Theme(name: "default", style: ThemePalettes.defaultStyle)

  /// Attributes only (bold, dim, reverse, underline) with the terminal's
  /// default colours; selected by `NO_COLOR` or a terminal without colour.
  public static let monochrome = Theme(name: "monochrome", style: ThemePalettes.monochromeStyle)

  /// Bright colours and bold text for low-vision users and washed-out
  /// displays.
  public static let highContrast = Theme(
    name: "high-contrast", style: ThemePalettes.highContrastStyle)

  /// All built-in themes.
  public static let all: [Theme] = [.default, .monochrome, .highContrast]

  /// The built-in theme called `name`. Matching ignores case, `-` and `_`, so
  /// `high-contrast`, `highContrast` and `HIGH_CONTRAST` all work; `mono` is
  /// accepted for `monochrome`.
  public static func named(_ name: String) -> Theme? {
    let key = normalized(name)
    if key == "mono" { return .monochrome }
    return all.first { normalized($0.name) == key }
  }

  private static func normalized(_ name: String) -> String {
    String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
  }
}

extension Theme: CustomStringConvertible {
  /// `Theme(<name>)`, keeping test and debug output short.
  public var description: String { "Theme(\(name))" }
}
