/// A run of text drawn in one style.
public struct Span: Hashable, Sendable {
  /// The text; every `Character` occupies one column.
  public var text: String
  /// The style the text is drawn in.
  public var style: Style

  /// Creates a span.
  public init(_ text: String, style: Style = .plain) {
    self.text = text
    self.style = style
  }

  /// Width in columns (the number of characters).
  public var width: Int { text.count }
}
