import DMAScenario
import Testing

@Suite("Fuzzing")
struct SyntaxFuzzTests {
  /// Fragments that are likely to confuse a lexer or parser.
  static let fragments: [String] = [
    "(", ")", "[", "]", ",", ",,", "=", "==", "!=", "<=", ">", "|", "||", "&", "&&", "!", "-",
    "+", "*", "/", "//", ".", "\"", "\\", "\\x", "\\q", "#", "\n", "\r\n", "\r", "\t", " ", "0x",
    "0b2", "12abc", "4K", "256MiB", "99999999999999999999", "_", "é", "🎉", "“", "”", ";", "@",
    "\u{0}", "\u{7}", "\u{FFFD}", "\u{301}", "kmalloc(", "x = ", "say \"", "expect ", "[1,",
    "{", "}", ":", "->", "++", "--", "+=", "-=", "if (", "else", "while (", "for (", "goto ",
    "return ", "break", "continue", "static void f(void *p) {", "struct completion ", "int ",
  ]

  /// The driver's shape (functions, blocks, loops, `goto`, `->`, `&`) mutated the same way.
  @Test func mutatedDriverShapesNeverBreakInvariants() {
    var rng = SplitMix64(seed: 0x5EED_0016)
    let base = Array(SyntaxDriverShapeTests.driver)
    for _ in 0..<2000 {
      var characters = base
      for _ in 0...(rng.next() % 4) {
        mutate(&characters, using: &rng)
      }
      check(String(characters))
    }
  }

  @Test func mutatedExamplesNeverBreakInvariants() {
    var rng = SplitMix64(seed: 0x5EED_0001)
    let base = Array(exampleScenario)
    for _ in 0..<2000 {
      var characters = base
      for _ in 0...(rng.next() % 4) {
        mutate(&characters, using: &rng)
      }
      check(String(characters))
    }
  }

  @Test func randomBytesNeverBreakInvariants() {
    var rng = SplitMix64(seed: 0xB17E5)
    for _ in 0..<1000 {
      let count = Int(rng.next() % 300)
      let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      check(String(decoding: bytes, as: UTF8.self))
    }
  }

  @Test func randomFragmentSoupNeverBreaksInvariants() {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<1000 {
      var source = ""
      for _ in 0..<(rng.next() % 60) {
        source += Self.fragments[Int(rng.next() % UInt64(Self.fragments.count))]
        if rng.next() % 3 == 0 {
          source += ["a", "b1", "0", "7", "\"s\"", "cache"][Int(rng.next() % 6)]
        }
      }
      check(source)
    }
  }

  @Test func tightLimitsNeverBreakInvariants() {
    var rng = SplitMix64(seed: 7)
    let base = Array(exampleScenario)
    for _ in 0..<300 {
      var characters = base
      mutate(&characters, using: &rng)
      let limits = ParseLimits(
        maxSourceBytes: Int(rng.next() % 2000), maxLineLength: Int(rng.next() % 80),
        maxNestingDepth: Int(rng.next() % 6), maxStatements: Int(rng.next() % 10),
        maxDiagnostics: Int(rng.next() % 5))
      check(String(characters), limits: limits)
    }
  }

  private func mutate(_ characters: inout [Character], using rng: inout SplitMix64) {
    let position = characters.isEmpty ? 0 : Int(rng.next() % UInt64(characters.count + 1))
    switch rng.next() % 5 {
    case 0:  // delete a short range
      let end = min(characters.count, position + Int(rng.next() % 8))
      characters.removeSubrange(position..<end)
    case 1:  // insert a fragment
      let fragment = Self.fragments[Int(rng.next() % UInt64(Self.fragments.count))]
      characters.insert(contentsOf: fragment, at: position)
    case 2:  // duplicate a slice somewhere else
      let end = min(characters.count, position + Int(rng.next() % 40))
      let slice = Array(characters[position..<end])
      let target = Int(rng.next() % UInt64(characters.count + 1))
      characters.insert(contentsOf: slice, at: target)
    case 3:  // replace one character with a random ASCII one
      guard position < characters.count else { return }
      let ascii = UInt8(truncatingIfNeeded: rng.next() % 95 + 32)
      characters[position] = Character(Unicode.Scalar(ascii))
    default:  // swap two characters
      guard characters.count > 1 else { return }
      let other = Int(rng.next() % UInt64(characters.count))
      characters.swapAt(min(position, characters.count - 1), other)
    }
  }

  /// Parses `source` twice and checks the invariants every result must satisfy.
  private func check(_ source: String, limits: ParseLimits = .default) {
    let result = ScenarioParser.parse(source, fileName: "fuzz.dms", limits: limits)
    let again = ScenarioParser.parse(source, fileName: "fuzz.dms", limits: limits)
    #expect(result == again, "parsing is not deterministic for \(source.debugDescription)")
    let lines = result.syntax.lines
    var previous = SourceLocation(line: 1, column: 1)
    for diagnostic in result.diagnostics {
      let location = diagnostic.location
      let lineText = location.line <= lines.count ? lines[location.line - 1] : ""
      let valid =
        location.line >= 1 && location.line <= max(1, lines.count) && location.column >= 1
        && location.column <= lineText.count + 1 && diagnostic.length >= 1
        && diagnostic.fileName == "fuzz.dms" && !diagnostic.rendered.isEmpty
        && (lines.isEmpty || diagnostic.sourceLine == lineText) && previous <= location
      #expect(valid, "bad diagnostic \(diagnostic) for \(source.debugDescription)")
      previous = location
    }
    for statement in result.syntax.statements {
      #expect(statement.range.start < statement.range.end)
      #expect(statement.range.end.line <= lines.count)
    }
    if !result.hasErrors {
      #expect(result.syntax.statements.count <= max(0, limits.maxStatements))
    }
  }
}
