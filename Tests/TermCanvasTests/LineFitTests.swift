import Testing

@testable import TermCanvas

/// `Line.fitted(width:ellipsis:)`: nothing is cut silently (issue 15 item 5).
@Suite struct LineFitTests {
  private func fit(_ text: String, _ width: Int, ellipsis: Character = "\u{2026}") -> String {
    Line(text).fitted(width: width, ellipsis: ellipsis).plainText
  }

  @Test func aLineThatFitsIsUnchanged() {
    #expect(fit("abc", 3) == "abc")
    #expect(fit("abc", 10) == "abc")
  }

  @Test func aCutLineEndsInTheEllipsis() {
    #expect(fit("press S to step back", 12) == "press S to \u{2026}")
    #expect(fit("press S to step back", 12, ellipsis: "~") == "press S to ~")
  }

  @Test func cuttingOnlyBlanksIsNotACut() {
    #expect(fit("abc     ", 4) == "abc ")
  }

  @Test func aCutAddressGoesWhole() {
    #expect(fit("beat 25: 4 bytes from 0x42000000", 26) == "beat 25: 4 bytes from \u{2026}")
    #expect(fit("reserved 80000000-8003ffff 256 KiB", 20) == "reserved \u{2026}")
    // A device-tree node keeps its name and loses its unit address.
    #expect(fit("DRAM memory@40000000", 16) == "DRAM memory\u{2026}")
    #expect(fit("dma-controller@9070000 x", 12) == "dma-control\u{2026}")
    // A word that is not an address is cut where it falls.
    #expect(fit("dma_alloc_coherent: ok", 10) == "dma_alloc\u{2026}")
    #expect(fit("cached and added", 9) == "cached a\u{2026}")
  }

  @Test func tinyWidths() {
    #expect(fit("abc", 0) == "")
    #expect(fit("abc", 1) == "\u{2026}")
    #expect(fit("", 0) == "")
  }

  @Test func theEllipsisTakesTheStyleOfWhatItReplaces() {
    let bold = Style(attributes: .bold)
    let line = Line([Span("ab", style: .plain), Span("cdef", style: bold)])
    let fitted = line.fitted(width: 4, ellipsis: "~")
    #expect(fitted.spans == [Span("ab", style: .plain), Span("c~", style: bold)])
  }

  @Test func addressesAreRecognised() {
    #expect(Line.looksLikeAddress("0x80000"))
    #expect(Line.looksLikeAddress("ffff000002000000"))
    #expect(Line.looksLikeAddress("(42000000-4200ffff),"))
    #expect(!Line.looksLikeAddress("cafe"))
    #expect(!Line.looksLikeAddress("25:"))
    #expect(!Line.looksLikeAddress("dma_map"))
  }
}
