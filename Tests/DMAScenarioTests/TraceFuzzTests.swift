import DMAScenario
import DMASim
import Foundation
import Testing

/// Random and mutated cache traces: the parser never crashes and every rejection points at a
/// line and column inside the input. DMASCOPE_FUZZ_CASES runs more cases.
@Suite struct TraceFuzzTests {
  @Test func mutatedTracesParseOrExplain() {
    let cases = Int(ProcessInfo.processInfo.environment["DMASCOPE_FUZZ_CASES"] ?? "") ?? 2_000
    let valid = "# trace\nR 0x1000 4\nW 4096 8\n\nR 0xffffffffffff 64\nW 0x10 1\n"
    var random = SplitMix64(seed: 11)
    let alphabet = Array("RWrw0x123456789abcdefgXZ #\n\t-+_.\u{0}é")
    for index in 0..<cases {
      var characters = Array(valid)
      for _ in 0..<Int(1 + random.next() % 6) {
        let at = Int(random.next() % UInt64(characters.count + 1))
        let character = alphabet[Int(random.next() % UInt64(alphabet.count))]
        if random.next() % 2 == 0, at < characters.count {
          characters[at] = character
        } else {
          characters.insert(character, at: min(at, characters.count))
        }
      }
      let text =
        index % 10 == 0
        ? String((0..<200).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        : String(characters)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
      let result = CacheTraceParser.parse(text, fileName: "fuzz.trace")
      for diagnostic in result.diagnostics {
        #expect(diagnostic.location.line >= 1 && diagnostic.location.line <= lines)
        #expect(diagnostic.location.column >= 1)
        #expect(diagnostic.rendered.hasPrefix("fuzz.trace:\(diagnostic.location.line):"))
      }
      for access in result.accesses { #expect(access.size >= 1) }
    }
  }
}
