import TermCanvas

extension PanelContext {
  /// Text from the simulation or the scenario as the glyph set can draw it (see
  /// `DrawableText`).
  func drawable(_ text: String) -> String { DrawableText.make(text, glyphs: glyphs) }
}

/// Text as a glyph set can draw it: with ASCII glyphs (`--ascii`), arrows, dashes, ellipses
/// and other non-ASCII characters become ASCII spellings (`->`, `-`, `...`, `x`, `?`).
public enum DrawableText {
  /// `text` unchanged for Unicode glyphs, else spelled in ASCII.
  public static func make(_ text: String, glyphs: Glyphs) -> String {
    guard glyphs.arrowRight.isASCII, text.contains(where: { !$0.isASCII }) else { return text }
    var result = ""
    for character in text {
      if character.isASCII {
        result.append(character)
        continue
      }
      switch character {
      case "\u{2192}": result += "->"
      case "\u{2190}": result += "<-"
      case "\u{2014}", "\u{2013}": result += "-"
      case "\u{2026}": result += "..."
      case "\u{00d7}": result += "x"
      case "\u{00a7}": result += "S"
      default: result += "?"
      }
    }
    return result
  }
}
