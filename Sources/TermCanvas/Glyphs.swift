/// The symbols used for borders, bars and markers. Every glyph is a single
/// column wide; pick `ascii` for terminals without Unicode line drawing.
public struct Glyphs: Hashable, Sendable {
  /// Horizontal line.
  public var horizontal: Character
  /// Vertical line.
  public var vertical: Character
  /// Top-left corner.
  public var topLeft: Character
  /// Top-right corner.
  public var topRight: Character
  /// Bottom-left corner.
  public var bottomLeft: Character
  /// Bottom-right corner.
  public var bottomRight: Character
  /// T junction opening downwards (┬).
  public var teeDown: Character
  /// T junction opening upwards (┴).
  public var teeUp: Character
  /// T junction opening to the left (┤).
  public var teeLeft: Character
  /// T junction opening to the right (├).
  public var teeRight: Character
  /// Solid block.
  public var fullBlock: Character
  /// Light shade.
  public var shadeLight: Character
  /// Medium shade.
  public var shadeMedium: Character
  /// Arrow pointing right.
  public var arrowRight: Character
  /// Arrow pointing left.
  public var arrowLeft: Character
  /// Arrow pointing up.
  public var arrowUp: Character
  /// Arrow pointing down.
  public var arrowDown: Character
  /// List bullet.
  public var bullet: Character
  /// Truncation marker.
  public var ellipsis: Character
  /// Success mark.
  public var check: Character
  /// Failure mark.
  public var cross: Character
  /// A 0x00 byte in a byte view, unlike `.` (a full stop, or any other unprintable byte).
  public var zeroByte: Character

  /// Unicode box drawing, blocks and arrows.
  public static let unicode = Glyphs(
    horizontal: "\u{2500}", vertical: "\u{2502}",
    topLeft: "\u{250C}", topRight: "\u{2510}",
    bottomLeft: "\u{2514}", bottomRight: "\u{2518}",
    teeDown: "\u{252C}", teeUp: "\u{2534}", teeLeft: "\u{2524}", teeRight: "\u{251C}",
    fullBlock: "\u{2588}", shadeLight: "\u{2591}", shadeMedium: "\u{2592}",
    arrowRight: "\u{2192}", arrowLeft: "\u{2190}", arrowUp: "\u{2191}", arrowDown: "\u{2193}",
    bullet: "\u{2022}", ellipsis: "\u{2026}", check: "\u{2713}", cross: "\u{2717}",
    zeroByte: "\u{00B7}"
  )

  /// Plain 7-bit ASCII.
  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|",
    topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
    teeDown: "+", teeUp: "+", teeLeft: "+", teeRight: "+",
    fullBlock: "#", shadeLight: ".", shadeMedium: ":",
    arrowRight: ">", arrowLeft: "<", arrowUp: "^", arrowDown: "v",
    bullet: "*", ellipsis: "~", check: "v", cross: "x",
    zeroByte: "_"
  )

  /// Every glyph, in declaration order (handy for checks).
  public var all: [Character] {
    [
      horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight,
      teeDown, teeUp, teeLeft, teeRight, fullBlock, shadeLight, shadeMedium,
      arrowRight, arrowLeft, arrowUp, arrowDown, bullet, ellipsis, check, cross, zeroByte,
    ]
  }
}
