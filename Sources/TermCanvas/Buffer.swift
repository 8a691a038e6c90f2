/// A rectangular grid of cells: one frame of terminal output.
///
/// All drawing operations clip to the buffer; reading or writing outside it
/// never traps.
public struct Buffer: Hashable, Sendable {
  /// The buffer's dimensions.
  public let size: Size

  /// Cells in row-major order (`y * width + x`).
  public private(set) var cells: [Cell]

  /// Creates a buffer of blank cells.
  public init(size: Size) {
    self.size = size
    self.cells = Array(repeating: .blank, count: size.area)
  }

  /// Creates a plain-styled buffer from text rows, mainly for tests. The
  /// width is that of the longest row; shorter rows are padded with blanks.
  public init(lines: [String]) {
    let width = lines.map(\.count).max() ?? 0
    self.init(size: Size(width: width, height: lines.count))
    for (row, text) in lines.enumerated() {
      setString(text, x: 0, y: row, style: .plain)
    }
  }

  /// The whole buffer as a rectangle at the origin.
  public var area: Rect {
    Rect(x: 0, y: 0, width: size.width, height: size.height)
  }

  /// `true` when `x`/`y` lies inside the buffer.
  public func contains(x: Int, y: Int) -> Bool {
    x >= 0 && y >= 0 && x < size.width && y < size.height
  }

  /// The cell at `x`/`y`. Reading outside the buffer returns `Cell.blank`;
  /// writing outside is ignored.
  public subscript(x: Int, y: Int) -> Cell {
    get {
      contains(x: x, y: y) ? cells[y * size.width + x] : .blank
    }
    set {
      guard contains(x: x, y: y) else { return }
      cells[y * size.width + x] = newValue
    }
  }

  /// Draws `string` starting at `x`/`y`, one column per character.
  ///
  /// Text is clipped at the buffer edges and after `maxWidth` columns (when
  /// given). Control characters are drawn as `Cell.replacementSymbol`.
  /// Returns the number of cells actually written.
  @discardableResult
  public mutating func setString(
    _ string: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil
  ) -> Int {
    let limit = maxWidth.map { max(0, $0) } ?? Int.max
    var column = x
    var written = 0
    for character in string {
      if column - x >= limit || column >= size.width { break }
      if contains(x: column, y: y) {
        let symbol = Cell.isControl(character) ? Cell.replacementSymbol : character
        cells[y * size.width + column] = Cell(symbol: symbol, style: style)
        written += 1
      }
      column += 1
    }
    return written
  }

  /// Draws the spans of `line` side by side starting at `x`/`y`, clipped to
  /// `maxWidth` columns and the buffer. Returns the number of cells written.
  @discardableResult
  public mutating func setLine(_ line: Line, x: Int, y: Int, maxWidth: Int) -> Int {
    var column = x
    var remaining = max(0, maxWidth)
    var written = 0
    for span in line.spans {
      if remaining == 0 { break }
      written += setString(span.text, x: column, y: y, style: span.style, maxWidth: remaining)
      let advance = min(span.width, remaining)
      column += advance
      remaining -= advance
    }
    return written
  }

  /// Draws `line` like `setLine(_:x:y:maxWidth:)`, but a line too wide for `maxWidth` ends
  /// in `ellipsis` instead of being cut silently (see `Line.fitted(width:ellipsis:)`).
  @discardableResult
  public mutating func setLine(
    _ line: Line, x: Int, y: Int, maxWidth: Int, ellipsis: Character
  ) -> Int {
    setLine(line.fitted(width: maxWidth, ellipsis: ellipsis), x: x, y: y, maxWidth: maxWidth)
  }

  /// Draws `string` like `setString(_:x:y:style:maxWidth:)`, ending in `ellipsis` when it
  /// does not fit in `maxWidth` columns.
  @discardableResult
  public mutating func setString(
    _ string: String, x: Int, y: Int, style: Style, maxWidth: Int, ellipsis: Character
  ) -> Int {
    setLine(Line(string, style: style), x: x, y: y, maxWidth: maxWidth, ellipsis: ellipsis)
  }

  /// Sets every cell of `rect` (clipped to the buffer) to `cell`.
  public mutating func fill(_ rect: Rect, with cell: Cell) {
    for range in indexRanges(in: rect) {
      for index in range { cells[index] = cell }
    }
  }

  /// Replaces the style of every cell in `rect`, keeping the symbols.
  public mutating func setStyle(_ style: Style, in rect: Rect) {
    for range in indexRanges(in: rect) {
      for index in range { cells[index].style = style }
    }
  }

  /// Overlays `style` on every cell in `rect` (see `Style.patched(with:)`).
  public mutating func patchStyle(_ style: Style, in rect: Rect) {
    for range in indexRanges(in: rect) {
      for index in range { cells[index].style = cells[index].style.patched(with: style) }
    }
  }

  /// Renders `widget` into `area` of this buffer.
  public mutating func render(_ widget: some Widget, in area: Rect) {
    widget.render(in: area, buffer: &self)
  }

  /// The cells of `self` that differ from `previous`, in row-major order.
  /// When the sizes differ every cell of `self` is returned.
  public func diff(from previous: Buffer) -> [CellUpdate] {
    var updates: [CellUpdate] = []
    let sameSize = previous.size == size
    for y in 0..<size.height {
      for x in 0..<size.width {
        let index = y * size.width + x
        let cell = cells[index]
        if !sameSize || previous.cells[index] != cell {
          updates.append(CellUpdate(x: x, y: y, cell: cell))
        }
      }
    }
    return updates
  }

  /// The symbols of row `y` as a string (full width), or `""` outside.
  public func rowText(_ y: Int) -> String {
    guard y >= 0, y < size.height else { return "" }
    let start = y * size.width
    return String(cells[start..<start + size.width].map(\.symbol))
  }

  /// Index ranges into `cells`, one per row of `rect` clipped to the buffer.
  private func indexRanges(in rect: Rect) -> [Range<Int>] {
    let clipped = rect.intersection(area)
    guard !clipped.isEmpty else { return [] }
    return (clipped.y..<clipped.maxY).map { row in
      (row * size.width + clipped.x)..<(row * size.width + clipped.maxX)
    }
  }
}
