import Testing

@testable import TermCanvas

@Suite("Themes and glyphs")
struct ThemeTests {
  @Test(arguments: Theme.all)
  func everyRoleHasAStyle(theme: Theme) {
    #expect(Set(theme.styles.keys) == Set(Role.allCases))
    #expect(theme.style(.selection) != theme.style(.normal))
    #expect(theme.style(.border) != theme.style(.borderFocused))
  }

  @Test func defaultThemeUsesBasicColoursAndDistinctStyles() {
    let styles = Role.allCases.map { Theme.default.style($0) }
    #expect(Set(styles).count == Role.allCases.count)
    for style in styles {
      #expect(!style.foreground.isIndexed && !style.background.isIndexed)
    }
  }

  @Test func monochromeUsesAttributesOnly() {
    let allowed: TextAttributes = [.bold, .dim, .reverse, .underline]
    for role in Role.allCases {
      let style = Theme.monochrome.style(role)
      #expect(style.foreground == .default && style.background == .default, "\(role)")
      #expect(allowed.isSuperset(of: style.attributes), "\(role)")
    }
    #expect(Theme.monochrome.style(.selection).attributes.contains(.reverse))
  }

  @Test func highContrastIsBrightAndBold() {
    for role in Role.allCases {
      let style = Theme.highContrast.style(role)
      #expect(!style.foreground.isIndexed && !style.background.isIndexed)
    }
    #expect(Theme.highContrast.style(.title).attributes.contains(.bold))
    #expect(Theme.highContrast.style(.error).foreground.isBright)
  }

  @Test func lookupByName() {
    #expect(Theme.named("default") == .default)
    #expect(Theme.named("Monochrome") == .monochrome)
    #expect(Theme.named("mono") == .monochrome)
    #expect(Theme.named("high-contrast") == .highContrast)
    #expect(Theme.named("highContrast") == .highContrast)
    #expect(Theme.named("solarized") == nil)
    #expect(Set(Theme.all.map(\.name)).count == Theme.all.count)
  }

  @Test func replacingOneRole() {
    let custom = Theme.default.replacing(.cookie, with: Style(foreground: .indexed(99)))
    #expect(custom.style(.cookie) == Style(foreground: .indexed(99)))
    #expect(custom.style(.title) == Theme.default.style(.title))
  }

  @Test func glyphsAreSingleScalarsAndAsciiIsAscii() {
    for glyph in Glyphs.unicode.all + Glyphs.ascii.all {
      #expect(glyph.unicodeScalars.count == 1)
      #expect(!Cell.isControl(glyph))
    }
    #expect(Glyphs.ascii.all.allSatisfy { $0.isASCII })
    #expect(Set(Glyphs.unicode.all).count == Glyphs.unicode.all.count)
    #expect(
      String(Glyphs.unicode.all)
        == "\u{2500}\u{2502}\u{250C}\u{2510}\u{2514}\u{2518}\u{252C}\u{2534}\u{2524}\u{251C}\u{2588}\u{2591}\u{2592}\u{2192}\u{2190}\u{2191}\u{2193}\u{2022}\u{2026}\u{2713}\u{2717}\u{00B7}"
    )
    #expect(String(Glyphs.ascii.all) == "-|++++++++#.:><^v*~vx_")
  }
}
