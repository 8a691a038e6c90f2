/// One terminal cell: a single-column symbol and its style.
///
/// Every `Character` is treated as exactly one column wide; callers only
/// draw narrow glyphs.
public struct Cell: Hashable, Sendable {
  /// The symbol drawn in the cell.
  public var symbol: Character
  /// The cell's colours and attributes.
  public var style: Style

  /// Creates a cell.
  public init(symbol: Character, style: Style = .plain) {
    self.symbol = symbol
    self.style = style
  }

  /// A space in the plain style.
  public static let blank = Cell(symbol: " ", style: .plain)

  /// The character used in place of control characters.
  public static let replacementSymbol: Character = "?"

  /// `true` for characters a terminal would interpret instead of print:
  /// C0 controls (first scalar below U+0020), DEL (U+007F) and C1 controls
  /// (U+0080 ... U+009F).
  public static func isControl(_ character: Character) -> Bool {
    guard let scalar = character.unicodeScalars.first else { return true }
    let value = scalar.value
    return value < 0x20 || (value >= 0x7f && value < 0xa0)
  }

  /// `symbol`, or `replacementSymbol` when it is a control character. This is
  /// what backends should put on screen.
  public var displaySymbol: Character {
    Cell.isControl(symbol) ? Cell.replacementSymbol : symbol
  }
}
