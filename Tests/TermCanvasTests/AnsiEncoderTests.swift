import Testing

@testable import TermCanvas

@Suite("AnsiEncoder")
struct AnsiEncoderTests {
  private let fancy = Style(
    foreground: .brightBlue, background: .indexed(200), attributes: .underline)

  private var sample: Buffer {
    var buffer = Buffer(lines: ["ab", "cd"])
    buffer[0, 0] = Cell(symbol: "a", style: Style(foreground: .red, attributes: .bold))
    buffer[1, 1] = Cell(symbol: "d", style: fancy)
    return buffer
  }

  @Test func fullFrame() {
    let expected =
      "\u{1B}[?25l\u{1B}[H\u{1B}[2J"
      + "\u{1B}[1;1H\u{1B}[0;1;31ma\u{1B}[0mb"
      + "\u{1B}[2;1Hc\u{1B}[4;94;48;5;200md"
      + "\u{1B}[0m"
    #expect(AnsiEncoder.frame(sample) == expected)
  }

  @Test func diffWritesOnlyChangedCells() {
    var new = sample
    new[1, 0] = Cell(symbol: "B")
    new[1, 1] = Cell(symbol: "D", style: fancy)
    let expected =
      "\u{1B}[1;2H\u{1B}[0mB"
      + "\u{1B}[2;2H\u{1B}[4;94;48;5;200mD"
      + "\u{1B}[0m"
    #expect(AnsiEncoder.diff(from: sample, to: new) == expected)
    #expect(AnsiEncoder.diff(from: sample, to: sample) == "")
  }

  @Test func diffSkipsCursorMovesForAdjacentCells() {
    let old = Buffer(lines: ["....", "...."])
    let new = Buffer(lines: [".xy.", "...."])
    #expect(AnsiEncoder.diff(from: old, to: new) == "\u{1B}[1;2H\u{1B}[0mxy\u{1B}[0m")
  }

  @Test func diffWithOtherSizeIsAFullFrame() {
    #expect(AnsiEncoder.diff(from: Buffer(size: .zero), to: sample) == AnsiEncoder.frame(sample))
  }

  @Test func sgrTransitions() {
    let plain = Style.plain
    #expect(AnsiEncoder.transition(from: nil, to: plain) == "\u{1B}[0m")
    #expect(AnsiEncoder.transition(from: plain, to: plain) == "")
    #expect(
      AnsiEncoder.transition(from: plain, to: Style(foreground: .white, background: .brightBlack))
        == "\u{1B}[37;100m")
    #expect(
      AnsiEncoder.transition(from: Style(foreground: .red), to: Style(foreground: .indexed(7)))
        == "\u{1B}[38;5;7m")
    #expect(
      AnsiEncoder.transition(from: Style(foreground: .red, background: .blue), to: .plain)
        == "\u{1B}[39;49m")
    #expect(
      AnsiEncoder.transition(
        from: Style(attributes: [.bold, .italic]), to: Style(background: .green, attributes: .dim))
        == "\u{1B}[0;2;42m")
    #expect(
      AnsiEncoder.transition(from: .plain, to: Style(attributes: [.reverse, .italic, .underline]))
        == "\u{1B}[3;4;7m")
  }

  @Test func controlCharactersAreNeutralised() {
    var buffer = Buffer(size: Size(width: 1, height: 1))
    buffer[0, 0] = Cell(symbol: "\u{1B}")
    #expect(AnsiEncoder.frame(buffer).hasSuffix("\u{1B}[1;1H\u{1B}[0m?\u{1B}[0m"))
  }
}
