import DMAScenario
import Foundation
import Testing

/// `dmascope check` on `Fixtures/broken-lines.dms`: every broken line gets exactly one error,
/// at its column, with a hint, and the valid prologue gets none.
@Suite struct BrokenLinesTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/broken-lines.dms")

  /// Line, column and a fragment of the message each broken line must produce.
  static let expected: [(line: Int, column: Int, message: String)] = [
    (6, 6, "unknown function `kmallok`"),
    (7, 6, "`kmalloc` takes 2 arguments, got 1"),
    (8, 21, "no device `spi9`"),
    (9, 37, "unknown DMA data direction `DMA_SIDEWAYS`"),
    (10, 11, "`nothere` is not defined"),
    (11, 34, "a DMA channel is needed here"),
    (12, 23, "a descriptor is needed here"),
    (13, 19, "unknown GFP flag `GFP_NOTAFLAG`"),
    (14, 27, "`purple` is not defined"),
    (15, 64, "has no parameter `dst_colour`"),
  ]

  @Test func eachBrokenLineHasExactlyOnePreciseError() throws {
    let source = try String(contentsOf: Self.fixture, encoding: .utf8)
    let diagnostics = ScenarioCompiler.compile(source, fileName: "broken-lines.dms").diagnostics
    #expect(diagnostics.count == Self.expected.count, "\(diagnostics.map(\.rendered))")
    for want in Self.expected {
      let onLine = diagnostics.filter { $0.location.line == want.line }
      #expect(onLine.count == 1, "line \(want.line): \(onLine.map(\.rendered))")
      guard let diagnostic = onLine.first else { continue }
      #expect(diagnostic.location.column == want.column, "\(diagnostic.rendered)")
      #expect(diagnostic.message.contains(want.message), "\(diagnostic.rendered)")
      #expect(diagnostic.hint != nil, "\(diagnostic.rendered)")
    }
    #expect(diagnostics.allSatisfy { $0.location.line >= 6 })
  }

  @Test func droppingAnyOneLineNeverCrashesTheChecker() throws {
    let lines = try String(contentsOf: Self.fixture, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    for index in lines.indices {
      var mutated = lines
      mutated.remove(at: index)
      _ = ScenarioCompiler.compile(mutated.joined(separator: "\n"), fileName: "mutated.dms")
    }
  }
}
