import DMAPanels
import TermCanvas
import Testing

/// Drawing helpers for the panel tests: a widget into a fresh buffer, or into a rect inside a
/// larger buffer filled with a marker so a test can prove nothing was drawn outside the rect.
enum PanelRendering {
  /// The Unicode look in the default theme.
  static let unicode = PanelLook(theme: .default, glyphs: .unicode)
  /// The ASCII look (`--ascii`) in the monochrome theme.
  static let ascii = PanelLook(theme: .monochrome, glyphs: .ascii)

  /// The marker the surrounding cells hold.
  static let marker: Character = "#"

  /// `widget` drawn into a `width` x `height` buffer; its plain text (trailing blanks cut).
  static func text(_ widget: some Widget, width: Int, height: Int) -> String {
    var buffer = Buffer(size: Size(width: width, height: height))
    buffer.render(widget, in: buffer.area)
    return buffer.plainText
  }

  /// Expects `widget`, drawn into a `width` x `height` buffer, to read exactly `expected`.
  static func expect(
    _ widget: some Widget, width: Int, height: Int, draws expected: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let drawn = text(widget, width: width, height: height)
    #expect(drawn == expected, sourceLocation: sourceLocation)
  }

  /// Draws `widget` into `rect` of a 12 x 8 buffer of markers and returns the cells outside
  /// `rect` that no longer hold the marker (each as `x,y`).
  static func touchedOutside(_ widget: some Widget, rect: Rect) -> [String] {
    var buffer = Buffer(size: Size(width: 12, height: 8))
    buffer.fill(buffer.area, with: Cell(symbol: marker, style: Style()))
    buffer.render(widget, in: rect)
    var touched: [String] = []
    for y in 0..<8 {
      for x in 0..<12 where !rect.contains(x: x, y: y) {
        if buffer[x, y].symbol != marker { touched.append("\(x),\(y)") }
      }
    }
    return touched
  }

  /// The areas every panel must survive: 1x1, 3x2, and zero width or height, at an offset.
  static let tinyRects = [
    Rect(x: 2, y: 2, width: 1, height: 1), Rect(x: 4, y: 3, width: 3, height: 2),
    Rect(x: 5, y: 1, width: 0, height: 4), Rect(x: 1, y: 6, width: 6, height: 0),
  ]
}
