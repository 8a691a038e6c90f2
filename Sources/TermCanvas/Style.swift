/// Colours and attributes of a cell.
public struct Style: Hashable, Sendable {
  /// Foreground (text) colour.
  public var foreground: Color
  /// Background colour.
  public var background: Color
  /// Text attributes.
  public var attributes: TextAttributes

  /// Creates a style; every part defaults to the terminal default.
  public init(
    foreground: Color = .default,
    background: Color = .default,
    attributes: TextAttributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  /// Default colours, no attributes.
  public static let plain = Style()

  /// This style overlaid with `other`: each colour of `other` that is not
  /// `.default` replaces this style's colour, and the attributes are the
  /// union of both.
  public func patched(with other: Style) -> Style {
    Style(
      foreground: other.foreground == .default ? foreground : other.foreground,
      background: other.background == .default ? background : other.background,
      attributes: attributes.union(other.attributes)
    )
  }

  /// A copy with `attributes` added.
  public func adding(_ extra: TextAttributes) -> Style {
    var copy = self
    copy.attributes.formUnion(extra)
    return copy
  }

  /// Snapshot description: `fg=<color> bg=<color> attrs=<a+b|->`.
  public var snapshotDescription: String {
    "fg=\(foreground.name) bg=\(background.name) attrs=\(attributes.name)"
  }
}
