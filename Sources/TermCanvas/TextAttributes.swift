/// Text attributes a terminal can apply on top of colours.
public struct TextAttributes: OptionSet, Hashable, Sendable {
  /// The raw bit mask.
  public let rawValue: UInt8

  /// Creates attributes from a raw bit mask.
  public init(rawValue: UInt8) {
    self.rawValue = rawValue
  }

  /// Bold / increased intensity.
  public static let bold = TextAttributes(rawValue: 1 << 0)
  /// Dim / decreased intensity.
  public static let dim = TextAttributes(rawValue: 1 << 1)
  /// Swapped foreground and background.
  public static let reverse = TextAttributes(rawValue: 1 << 2)
  /// Underlined.
  public static let underline = TextAttributes(rawValue: 1 << 3)
  /// Italic (not supported by every terminal).
  public static let italic = TextAttributes(rawValue: 1 << 4)

  /// Every attribute with its snapshot name, in a fixed order.
  public static let named: [(attribute: TextAttributes, name: String)] = [
    (.bold, "bold"),
    (.dim, "dim"),
    (.reverse, "reverse"),
    (.underline, "underline"),
    (.italic, "italic"),
  ]

  /// Snapshot name: the set attributes joined by `+` in the order of
  /// `named`, or `-` when empty (for example `bold+underline`).
  public var name: String {
    let names = Self.named.filter { contains($0.attribute) }.map(\.name)
    return names.isEmpty ? "-" : names.joined(separator: "+")
  }
}
