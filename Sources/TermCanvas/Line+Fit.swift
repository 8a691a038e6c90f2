extension Line {
  /// The line cut to at most `width` columns, saying so when it cuts: if anything but blanks
  /// falls beyond `width`, the last column kept shows `ellipsis` (in the style of the text it
  /// replaces). A cut never leaves part of an address: a node name keeps its name and loses
  /// its `@unit` (`memory…`), and when the cut falls inside any other word that
  /// reads as an address (`looksLikeAddress`), the whole word goes and the ellipsis stands where it began.
  public func fitted(width: Int, ellipsis: Character) -> Line {
    guard width > 0 else { return .empty }
    let cells = self.cells
    guard cells.count > width else { return self }
    guard cells[width...].contains(where: { $0.symbol != " " }) else {
      return Line(cells: cells[..<width])
    }
    var cut = width - 1
    if cut > 0, cells[cut].symbol != " ", cells[cut - 1].symbol != " " {
      var start = cut
      while start > 0, cells[start - 1].symbol != " " { start -= 1 }
      var end = cut
      while end < cells.count, cells[end].symbol != " " { end += 1 }
      let at = cells[start..<end].firstIndex { $0.symbol == "@" }
      if let at, at > start, at <= cut {
        // A device-tree node (`dma-controller@9070000`): keep its name, not part of its unit.
        cut = at
      } else if Self.looksLikeAddress(String(cells[start..<end].map(\.symbol))) {
        cut = start
      }
    }
    var kept = Array(cells[..<cut])
    kept.append(Cell(symbol: ellipsis, style: cells[cut].style))
    return Line(cells: kept)
  }

  /// Whether `word` reads as an address or address range: `0x…`, or hex digits (at least four,
  /// one of them a decimal digit) joined by `-`, `:` or `.`, as `80000000-8003ffff` is.
  static func looksLikeAddress(_ word: String) -> Bool {
    if word.contains("0x") { return true }
    let body = word.trimmingCharacters(in: "+(~[\u{2026}", trailing: ",;:)]")
    var hexDigits = 0
    var decimal = false
    for character in body {
      if character.isHexDigit {
        hexDigits += 1
        if character.isNumber { decimal = true }
      } else if !"-:.".contains(character) {
        return false
      }
    }
    return hexDigits >= 4 && decimal
  }

  /// A line holding `cells`, one span per run of equal style.
  init(cells: some Sequence<Cell>) {
    var spans: [Span] = []
    for cell in cells {
      if let last = spans.last, last.style == cell.style {
        spans[spans.count - 1].text.append(cell.symbol)
      } else {
        spans.append(Span(String(cell.symbol), style: cell.style))
      }
    }
    self.init(spans)
  }
}

extension String {
  /// The string without any of `leading` at its start or `trailing` at its end.
  fileprivate func trimmingCharacters(in leading: String, trailing: String) -> Substring {
    var text = self[...]
    while let first = text.first, leading.contains(first) { text = text.dropFirst() }
    while let last = text.last, trailing.contains(last) { text = text.dropLast() }
    return text
  }
}
