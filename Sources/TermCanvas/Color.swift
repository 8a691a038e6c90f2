/// A terminal colour: the terminal default, one of the 16 basic ANSI colours,
/// or an entry of the 256-colour palette.
public enum Color: Hashable, Sendable {
  /// The terminal's own default foreground or background.
  case `default`
  /// ANSI colour 0.
  case black
  /// ANSI colour 1.
  case red
  /// ANSI colour 2.
  case green
  /// ANSI colour 3.
  case yellow
  /// ANSI colour 4.
  case blue
  /// ANSI colour 5.
  case magenta
  /// ANSI colour 6.
  case cyan
  /// ANSI colour 7.
  case white
  /// ANSI colour 8 (usually grey).
  case brightBlack
  /// ANSI colour 9.
  case brightRed
  /// ANSI colour 10.
  case brightGreen
  /// ANSI colour 11.
  case brightYellow
  /// ANSI colour 12.
  case brightBlue
  /// ANSI colour 13.
  case brightMagenta
  /// ANSI colour 14.
  case brightCyan
  /// ANSI colour 15.
  case brightWhite
  /// An entry of the xterm 256-colour palette.
  case indexed(UInt8)

  /// The 16 basic colours in palette order (index 0 ... 15).
  public static let basic: [Color] = [
    .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white,
    .brightBlack, .brightRed, .brightGreen, .brightYellow,
    .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
  ]

  /// Palette index: 0 ... 15 for the basic colours, the index itself for
  /// `.indexed`, `nil` for `.default`.
  public var paletteIndex: Int? {
    switch self {
    case .default: return nil
    case .black: return 0
    case .red: return 1
    case .green: return 2
    case .yellow: return 3
    case .blue: return 4
    case .magenta: return 5
    case .cyan: return 6
    case .white: return 7
    case .brightBlack: return 8
    case .brightRed: return 9
    case .brightGreen: return 10
    case .brightYellow: return 11
    case .brightBlue: return 12
    case .brightMagenta: return 13
    case .brightCyan: return 14
    case .brightWhite: return 15
    case .indexed(let index): return Int(index)
    }
  }

  /// Stable lower-camel-case name used in snapshots: `default`, `red`,
  /// `brightBlue`, `idx(123)`.
  public var name: String {
    switch self {
    case .default: return "default"
    case .black: return "black"
    case .red: return "red"
    case .green: return "green"
    case .yellow: return "yellow"
    case .blue: return "blue"
    case .magenta: return "magenta"
    case .cyan: return "cyan"
    case .white: return "white"
    case .brightBlack: return "brightBlack"
    case .brightRed: return "brightRed"
    case .brightGreen: return "brightGreen"
    case .brightYellow: return "brightYellow"
    case .brightBlue: return "brightBlue"
    case .brightMagenta: return "brightMagenta"
    case .brightCyan: return "brightCyan"
    case .brightWhite: return "brightWhite"
    case .indexed(let index): return "idx(\(index))"
    }
  }

  /// `true` for the eight bright basic colours (`brightBlack` ...
  /// `brightWhite`).
  public var isBright: Bool {
    if isIndexed { return false }
    guard let index = paletteIndex else { return false }
    return index >= 8
  }

  /// `true` for `.indexed` colours.
  public var isIndexed: Bool {
    if case .indexed = self { return true }
    return false
  }

  /// The closest basic colour (or `.default`): basic colours map to
  /// themselves, `indexed(0...15)` to the matching basic colour and the
  /// 6x6x6 cube and grey ramp (16 ... 255) to the nearest basic colour by
  /// RGB distance using the xterm palette. Pure integer arithmetic.
  public var basicApproximation: Color {
    guard case .indexed(let index) = self else { return self }
    return Color.basic[ColorPalette.nearestBasicIndex(toPaletteIndex: Int(index))]
  }

  /// The colour as seen on an 8-colour terminal: a basic colour in 0 ... 7
  /// plus whether it needs the bold attribute to look bright. `.default`
  /// stays `.default`.
  public var eightColorApproximation: (color: Color, bright: Bool) {
    let basic = basicApproximation
    guard let index = basic.paletteIndex else { return (.default, false) }
    return (Color.basic[index % 8], index >= 8)
  }
}
