import DMAScenario
import Testing

@Suite("Name suggestions")
struct SyntaxNameSuggestionTests {
  let functions = [
    "dma_map_single", "dma_unmap_single", "dma_map_sg", "kmalloc", "kfree", "dma_alloc_coherent",
  ]

  @Test func suggestsTheNearestName() {
    #expect(NameSuggestion.nearest(to: "dma_map_singel", in: functions) == "dma_map_single")
    #expect(NameSuggestion.nearest(to: "kmaloc", in: functions) == "kmalloc")
    #expect(NameSuggestion.nearest(to: "KFREE", in: functions) == "kfree")
    #expect(NameSuggestion.nearest(to: "dma_alloc_coherant", in: functions) == "dma_alloc_coherent")
  }

  @Test func refusesDistantNames() {
    #expect(NameSuggestion.nearest(to: "memcpy", in: functions) == nil)
    #expect(NameSuggestion.nearest(to: "kmalloc", in: []) == nil)
    #expect(NameSuggestion.nearest(to: "kmaloc", in: functions, maxDistance: 0) == nil)
    #expect(NameSuggestion.nearest(to: "kmalloc", in: functions, maxDistance: 0) == "kmalloc")
    #expect(NameSuggestion.nearest(to: "x", in: ["y"], maxDistance: -1) == nil)
  }

  @Test func defaultDistanceScalesWithLength() {
    // "ab" allows 2 edits; a 12-character name allows 4.
    #expect(NameSuggestion.nearest(to: "ab", in: ["xy"]) == "xy")
    #expect(NameSuggestion.nearest(to: "ab", in: ["xyz"]) == nil)
    #expect(NameSuggestion.nearest(to: "abcdefghijkl", in: ["abcdefghwxyz"]) == "abcdefghwxyz")
    #expect(NameSuggestion.nearest(to: "abcdefghijkl", in: ["abcdefgvwxyz"]) == nil)
  }

  @Test func tiesGoToTheFirstCandidate() {
    #expect(NameSuggestion.nearest(to: "cat", in: ["bat", "cot", "hat"]) == "bat")
    #expect(NameSuggestion.nearest(to: "cat", in: ["cot", "bat", "hat"]) == "cot")
    #expect(NameSuggestion.nearest(to: "cat", in: ["cats", "cat"]) == "cat")
  }

  @Test func optimalStringAlignmentDistance() {
    #expect(NameSuggestion.distance("kitten", "sitting") == 3)
    #expect(NameSuggestion.distance("abcd", "abdc") == 1)
    #expect(NameSuggestion.distance("ca", "abc") == 3)
    #expect(NameSuggestion.distance("", "abc") == 3)
    #expect(NameSuggestion.distance("ABC", "abc") == 0)
  }
}
