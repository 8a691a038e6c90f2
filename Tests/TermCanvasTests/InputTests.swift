import Testing

@testable import TermCanvas

@Suite("Keys and colours")
struct InputTests {
  @Test(arguments: [
    (Key.character("s"), "s"), (.character("S"), "S"), (.character(" "), "Space"),
    (.tab, "Tab"), (.backTab, "Shift-Tab"), (.enter, "Enter"), (.escape, "Esc"),
    (.up, "Up"), (.down, "Down"), (.left, "Left"), (.right, "Right"),
    (.pageUp, "PgUp"), (.pageDown, "PgDn"), (.home, "Home"), (.end, "End"),
    (.backspace, "Backspace"), (.delete, "Del"), (.function(1), "F1"), (.function(12), "F12"),
    (.control("c"), "Ctrl-C"), (.character("?"), "?"),
  ])
  func displayNames(key: Key, name: String) {
    #expect(key.displayName == name)
  }

  @Test func colourNamesAndIndices() {
    #expect(Color.default.name == "default")
    #expect(Color.brightBlue.name == "brightBlue")
    #expect(Color.indexed(123).name == "idx(123)")
    #expect(Color.basic.map(\.paletteIndex) == (0..<16).map { Optional($0) })
    #expect(Color.default.paletteIndex == nil)
    #expect(Color.brightBlack.isBright && !Color.white.isBright && !Color.indexed(9).isBright)
  }

  @Test func colourApproximation() {
    #expect(Color.indexed(3).basicApproximation == .yellow)
    #expect(Color.indexed(16).basicApproximation == .black)
    #expect(Color.indexed(196).basicApproximation == .brightRed)
    #expect(Color.indexed(231).basicApproximation == .brightWhite)
    #expect(Color.indexed(244).basicApproximation == .brightBlack)
    #expect(Color.cyan.basicApproximation == .cyan)
    #expect(Color.default.basicApproximation == .default)
    #expect(Color.brightRed.eightColorApproximation == (.red, true))
    #expect(Color.indexed(196).eightColorApproximation == (.red, true))
    #expect(Color.green.eightColorApproximation == (.green, false))
    #expect(Color.default.eightColorApproximation == (.default, false))
  }
}
