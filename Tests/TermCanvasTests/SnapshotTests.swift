import Testing

@testable import TermCanvas

@Suite("Text snapshots")
struct SnapshotTests {
  @Test func plainTextTrimsTrailingSpaces() {
    var buffer = Buffer(size: Size(width: 5, height: 3))
    buffer.setString("a b", x: 1, y: 0, style: .plain)
    buffer.setString("c", x: 4, y: 2, style: .plain)
    #expect(buffer.plainText == " a b\n\n    c")
    #expect(Buffer(size: .zero).plainText == "")
  }

  @Test func snapshotTextFormat() {
    var buffer = Buffer(size: Size(width: 4, height: 2))
    buffer.setString("ab", x: 0, y: 0, style: Style(foreground: .red, attributes: .bold))
    buffer.setString("c", x: 1, y: 1, style: Style(background: .indexed(123)))
    buffer[3, 1] = Cell(
      symbol: "d",
      style: Style(foreground: .brightBlue, attributes: [.underline, .dim, .reverse, .italic]))
    let expected = """
      "ab  "
      " c d"
      styles:
      0,0: fg=red bg=default attrs=bold
      2,0: fg=default bg=default attrs=-
      1,1: fg=default bg=idx(123) attrs=-
      2,1: fg=default bg=default attrs=-
      3,1: fg=brightBlue bg=default attrs=dim+reverse+underline+italic

      """
    #expect(buffer.snapshotText == expected)
  }

  @Test func snapshotAlwaysDescribesFirstCell() {
    #expect(
      Buffer(lines: ["x"]).snapshotText == "\"x\"\nstyles:\n0,0: fg=default bg=default attrs=-\n")
    #expect(Buffer(size: .zero).snapshotText == "styles:\n")
  }
}
