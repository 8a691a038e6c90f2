import Testing

@testable import TermCanvas

@Suite("Buffer")
struct BufferTests {
  private let red = Style(foreground: .red)

  @Test func newBufferIsBlank() {
    let buffer = Buffer(size: Size(width: 3, height: 2))
    #expect(buffer.area == Rect(x: 0, y: 0, width: 3, height: 2))
    #expect(buffer.cells.allSatisfy { $0 == .blank })
    #expect(buffer.plainText == "\n")
  }

  @Test func linesInitializerPadsShortRows() {
    let buffer = Buffer(lines: ["ab", "abcd", ""])
    #expect(buffer.size == Size(width: 4, height: 3))
    #expect(buffer[3, 0] == .blank)
    #expect(buffer.plainText == "ab\nabcd\n")
    #expect(Buffer(lines: []).size == .zero)
  }

  @Test func outOfRangeAccessNeverTraps() {
    var buffer = Buffer(lines: ["abc"])
    let before = buffer
    #expect(buffer[-1, 0] == .blank)
    #expect(buffer[3, 0] == .blank)
    #expect(buffer[0, 1] == .blank)
    buffer[-1, 0] = Cell(symbol: "x")
    buffer[3, 0] = Cell(symbol: "x")
    buffer[0, -5] = Cell(symbol: "x")
    #expect(buffer == before)
    buffer[1, 0] = Cell(symbol: "X", style: red)
    #expect(buffer[1, 0] == Cell(symbol: "X", style: red))
  }

  @Test func setStringClipsAtRightEdge() {
    var buffer = Buffer(size: Size(width: 5, height: 1))
    #expect(buffer.setString("hello world", x: 2, y: 0, style: red) == 3)
    #expect(buffer.plainText == "  hel")
    #expect(buffer[2, 0].style == red)
  }

  @Test func setStringHonoursMaxWidth() {
    var buffer = Buffer(size: Size(width: 8, height: 1))
    #expect(buffer.setString("abcdef", x: 1, y: 0, style: .plain, maxWidth: 2) == 2)
    #expect(buffer.plainText == " ab")
    #expect(buffer.setString("zz", x: 0, y: 0, style: .plain, maxWidth: 0) == 0)
    #expect(buffer.setString("zz", x: 0, y: 0, style: .plain, maxWidth: -3) == 0)
  }

  @Test func setStringClipsAtLeftEdgeAndOutsideRows() {
    var buffer = Buffer(size: Size(width: 6, height: 1))
    #expect(buffer.setString("abcdef", x: -2, y: 0, style: .plain) == 4)
    #expect(buffer.plainText == "cdef")
    #expect(buffer.setString("abc", x: 0, y: 1, style: .plain) == 0)
    #expect(buffer.setString("abc", x: 0, y: -1, style: .plain) == 0)
    #expect(buffer.setString("abc", x: 9, y: 0, style: .plain) == 0)
  }

  @Test func controlCharactersBecomeQuestionMarks() {
    var buffer = Buffer(size: Size(width: 8, height: 1))
    buffer.setString("a\u{7}b\tc\u{7F}\r\n\u{85}", x: 0, y: 0, style: .plain)
    #expect(buffer.plainText == "a?b?c???")
    #expect(Cell(symbol: "\u{1B}").displaySymbol == "?")
    #expect(Cell(symbol: "\u{E9}").displaySymbol == "\u{E9}")
  }

  @Test func setLineDrawsSpansAndClips() {
    var buffer = Buffer(size: Size(width: 10, height: 1))
    let line = Line([Span("ab", style: red), Span("cdef", style: .plain)])
    #expect(line.width == 6)
    #expect(buffer.setLine(line, x: 1, y: 0, maxWidth: 4) == 4)
    #expect(buffer.plainText == " abcd")
    #expect(buffer[2, 0].style == red)
    #expect(buffer[3, 0].style == .plain)
  }

  @Test func fillAndStylesClipToBuffer() {
    var buffer = Buffer(lines: ["abc", "def"])
    buffer.fill(Rect(x: 2, y: 1, width: 5, height: 5), with: Cell(symbol: "#", style: red))
    #expect(buffer.plainText == "abc\nde#")
    buffer.setStyle(Style(background: .blue), in: Rect(x: -1, y: -1, width: 2, height: 2))
    #expect(buffer[0, 0].style == Style(background: .blue))
    #expect(buffer[1, 0].style == .plain)
    buffer.patchStyle(Style(attributes: .bold), in: Rect(x: 0, y: 0, width: 3, height: 2))
    #expect(buffer[0, 0].style == Style(background: .blue, attributes: .bold))
    #expect(buffer[2, 1].style == Style(foreground: .red, attributes: .bold))
    #expect(buffer[2, 1].symbol == "#")
  }

  @Test func diffListsOnlyChangedCellsInRowMajorOrder() {
    let old = Buffer(lines: ["abc", "def"])
    var new = old
    new[2, 1] = Cell(symbol: "F")
    new[0, 1] = Cell(symbol: "d", style: red)
    new[1, 0] = Cell(symbol: "B")
    #expect(
      new.diff(from: old) == [
        CellUpdate(x: 1, y: 0, cell: Cell(symbol: "B")),
        CellUpdate(x: 0, y: 1, cell: Cell(symbol: "d", style: red)),
        CellUpdate(x: 2, y: 1, cell: Cell(symbol: "F")),
      ])
    #expect(old.diff(from: old).isEmpty)
  }

  @Test func diffAgainstOtherSizeListsEveryCell() {
    let new = Buffer(lines: ["ab", "cd"])
    let updates = new.diff(from: Buffer(size: Size(width: 3, height: 2)))
    #expect(updates.count == 4)
    #expect(updates.map(\.x) == [0, 1, 0, 1])
    #expect(updates.map(\.y) == [0, 0, 1, 1])
  }

  @Test func stylePatching() {
    let base = Style(foreground: .red, background: .blue, attributes: .bold)
    let patched = base.patched(with: Style(background: .green, attributes: .underline))
    #expect(
      patched == Style(foreground: .red, background: .green, attributes: [.bold, .underline]))
    #expect(base.patched(with: .plain) == base)
  }
}
