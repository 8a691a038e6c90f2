/// A single line of styled text made of spans.
public struct Line: Hashable, Sendable {
  /// The spans, drawn left to right.
  public var spans: [Span]

  /// Creates a line from spans.
  public init(_ spans: [Span]) {
    self.spans = spans
  }

  /// Creates a line holding one span.
  public init(_ text: String, style: Style = .plain) {
    self.spans = [Span(text, style: style)]
  }

  /// An empty line.
  public static let empty = Line([])

  /// Width in columns (the total number of characters).
  public var width: Int {
    spans.reduce(0) { $0 + $1.width }
  }

  /// The line's text without styles.
  public var plainText: String {
    spans.map(\.text).joined()
  }

  /// The line as individual styled cells.
  public var cells: [Cell] {
    var result: [Cell] = []
    result.reserveCapacity(width)
    for span in spans {
      for character in span.text {
        result.append(Cell(symbol: character, style: span.style))
      }
    }
    return result
  }
}
