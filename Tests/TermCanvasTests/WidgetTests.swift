import Testing

@testable import TermCanvas

@Suite("Block, Paragraph and Gauge")
struct WidgetTests {
  private let theme = Theme.default

  @Test func blockDrawsBorderAndTitle() {
    var buffer = Buffer(size: Size(width: 10, height: 3))
    let block = Block(title: "Hi", theme: theme, glyphs: .unicode)
    buffer.render(block, in: buffer.area)
    #expect(
      buffer.plainText
        == "\u{250C} Hi \u{2500}\u{2500}\u{2500}\u{2500}\u{2510}\n\u{2502}        \u{2502}\n\u{2514}\u{2500}\u{2500}\u{2500}\u{2500}\u{2500}\u{2500}\u{2500}\u{2500}\u{2518}"
    )
    #expect(buffer[0, 0].style == theme.style(.border))
    #expect(buffer[2, 0].style == theme.style(.title))
    #expect(block.inner(buffer.area) == Rect(x: 1, y: 1, width: 8, height: 1))
  }

  @Test func blockAsciiWithRightTitleAndTruncation() {
    var buffer = Buffer(size: Size(width: 16, height: 2))
    buffer.render(
      Block(title: "Hi", theme: theme, glyphs: .ascii, titleRight: "3/4"), in: buffer.area)
    #expect(buffer.plainText == "+ Hi ----- 3/4 +\n+--------------+")
    var narrow = Buffer(size: Size(width: 8, height: 2))
    narrow.render(
      Block(title: "Long title", theme: theme, glyphs: .ascii, titleRight: "x"), in: narrow.area)
    #expect(narrow.plainText == "+ Lon~ +\n+------+")
  }

  @Test func focusedBlockIsMarked() {
    var buffer = Buffer(size: Size(width: 8, height: 3))
    buffer.render(Block(title: "A", focused: true, theme: theme, glyphs: .ascii), in: buffer.area)
    #expect(buffer[0, 0].style == theme.style(.borderFocused))
    #expect(buffer[2, 0].style == theme.style(.title).adding(.reverse))
  }

  @Test func blockSurvivesTinyAreas() {
    for width in 0...3 {
      for height in 0...3 {
        var buffer = Buffer(size: Size(width: 5, height: 5))
        let area = Rect(x: 1, y: 1, width: width, height: height)
        let block = Block(title: "Title", theme: theme, glyphs: .ascii, titleRight: "R")
        buffer.render(block, in: area)
        for y in 0..<5 {
          for x in 0..<5 where !area.contains(x: x, y: y) {
            #expect(buffer[x, y] == .blank)
          }
        }
        #expect(block.inner(area).width >= 0)
      }
    }
    var line = Buffer(size: Size(width: 3, height: 3))
    line.render(
      Block(title: nil, theme: theme, glyphs: .ascii), in: Rect(x: 0, y: 0, width: 3, height: 1))
    line.render(
      Block(title: nil, theme: theme, glyphs: .ascii), in: Rect(x: 0, y: 1, width: 1, height: 2))
    #expect(line.plainText == "---\n|\n|")
    var offscreen = Buffer(size: Size(width: 3, height: 3))
    offscreen.render(
      Block(title: "T", theme: theme, glyphs: .unicode),
      in: Rect(x: -5, y: -5, width: 20, height: 20))
  }

  @Test func paragraphWordWrap() {
    let rows = Paragraph.wrap(Line("the quick brown fox"), width: 10)
    #expect(rows.map(\.plainText) == ["the quick", "brown fox"])
    #expect(
      Paragraph.wrap(Line("abcdefghijkl"), width: 5).map(\.plainText) == ["abcde", "fghij", "kl"])
    #expect(Paragraph.wrap(Line("  ab cd"), width: 4).map(\.plainText) == ["  ab", "cd"])
    #expect(Paragraph.wrap(Line("ab   cd"), width: 4).map(\.plainText) == ["ab", "cd"])
    #expect(Paragraph.wrap(Line(""), width: 4) == [.empty])
    #expect(Paragraph.wrap(Line("abc"), width: 0).isEmpty)
  }

  @Test func paragraphWrapKeepsSpanStyles() {
    let red = Style(foreground: .red)
    let blue = Style(foreground: .blue)
    let rows = Paragraph.wrap(
      Line([Span("red ", style: red), Span("blue", style: blue)]), width: 4)
    #expect(rows == [Line("red", style: red), Line("blue", style: blue)])
  }

  @Test func paragraphClipsScrollsAndWraps() {
    var clipped = Buffer(size: Size(width: 5, height: 2))
    clipped.render(Paragraph(text: "one\ntwo\nthree four", scroll: 1), in: clipped.area)
    #expect(clipped.plainText == "two\nthree")
    let wrapping = Paragraph([Line("hello world")], wrap: true)
    var wrapped = Buffer(size: Size(width: 6, height: 3))
    wrapped.render(wrapping, in: wrapped.area)
    #expect(wrapped.plainText == "hello\nworld\n")
    #expect(wrapping.rowCount(forWidth: 6) == 2)
    var scrolledPastEnd = Buffer(size: Size(width: 6, height: 2))
    scrolledPastEnd.render(Paragraph([Line("x")], scroll: 9), in: scrolledPastEnd.area)
    #expect(scrolledPastEnd.plainText == "\n")
  }

  @Test func paragraphPatchesSpanStylesOverBaseStyle() {
    var buffer = Buffer(size: Size(width: 4, height: 2))
    let paragraph = Paragraph(
      [Line("ab", style: Style(foreground: .red))], style: Style(background: .blue))
    buffer.render(paragraph, in: buffer.area)
    #expect(buffer[0, 0].style == Style(foreground: .red, background: .blue))
    #expect(buffer[3, 1] == Cell(symbol: " ", style: Style(background: .blue)))
  }

  @Test func gaugeFillsProportionallyWithCentredLabel() {
    var buffer = Buffer(size: Size(width: 10, height: 1))
    buffer.render(Gauge(done: 5, total: 10, label: "50%", theme: theme), in: buffer.area)
    #expect(buffer.rowText(0) == "\u{2588}\u{2588}\u{2588}50%\u{2591}\u{2591}\u{2591}\u{2591}")
    #expect(buffer[0, 0].style == theme.style(.progressDone))
    #expect(buffer[4, 0].style == theme.style(.progressDone))
    #expect(buffer[5, 0].style == theme.style(.normal))
    #expect(buffer[6, 0].style == theme.style(.progressTodo))
  }

  @Test func gaugeArithmeticIsClampedAndExact() {
    let gauge = Gauge(done: 5, total: 10, theme: theme)
    #expect(gauge.filledColumns(width: 7) == 3)
    #expect(Gauge(done: 20, total: 10, theme: theme).filledColumns(width: 7) == 7)
    #expect(Gauge(done: -3, total: 10, theme: theme).filledColumns(width: 7) == 0)
    #expect(Gauge(done: 3, total: 0, theme: theme).filledColumns(width: 7) == 0)
    #expect(Gauge(done: Int.max / 2, total: Int.max, theme: theme).filledColumns(width: 100) == 49)
    #expect(Gauge.percentLabel(done: 1, total: 3) == "33%")
    #expect(Gauge.percentLabel(done: 0, total: 0) == "0%")
    var tiny = Buffer(size: Size(width: 2, height: 1))
    tiny.render(
      Gauge(done: 1, total: 2, label: "long label", theme: theme, glyphs: .ascii), in: tiny.area)
    #expect(tiny.rowText(0) == "l~")
  }
}
