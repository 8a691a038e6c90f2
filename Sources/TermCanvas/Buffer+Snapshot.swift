extension Buffer {
  /// The buffer's text without styles: rows joined by `"\n"`, each row with
  /// trailing spaces removed. There is no newline after the last row, and an
  /// empty buffer yields `""` (rows that end up empty are kept, so a 2-row
  /// blank buffer yields `"\n"`).
  public var plainText: String {
    (0..<size.height).map { row in
      var text = Substring(rowText(row))
      while text.last == " " {
        text.removeLast()
      }
      return String(text)
    }.joined(separator: "\n")
  }

  /// A deterministic, diff-friendly text snapshot of symbols and styles.
  ///
  /// Format: one line per row, wrapped in double quotes and kept at full
  /// width (so trailing spaces survive editors); then the line `styles:`;
  /// then one line per style change in row-major order, formatted
  /// `x,y: fg=<color> bg=<color> attrs=<a+b|->`. Cell (0,0) always gets a
  /// line. Every line, including the last, ends with `"\n"`. Example:
  ///
  ///     "ab "
  ///     styles:
  ///     0,0: fg=red bg=default attrs=bold
  ///     1,0: fg=default bg=default attrs=-
  public var snapshotText: String {
    var output = ""
    for row in 0..<size.height {
      output += "\"" + rowText(row) + "\"\n"
    }
    output += "styles:\n"
    var previous: Style?
    for y in 0..<size.height {
      for x in 0..<size.width {
        let style = self[x, y].style
        if style != previous {
          output += "\(x),\(y): \(style.snapshotDescription)\n"
          previous = style
        }
      }
    }
    return output
  }
}
