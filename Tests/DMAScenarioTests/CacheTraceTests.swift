import DMAScenario
import DMASim
import Foundation
import Testing

/// The cache trace parser's diagnostics, and the committed cross-check fixtures: every trace in
/// `Tests/cachesim/fixtures` under four geometries and all four write policies must give exactly
/// the JSON that the Python reference model and pycachesim gave (`Tests/cachesim/crosscheck.sh`).
@Suite struct CacheTraceTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("cachesim/fixtures")

  func errors(_ text: String) -> [String] {
    CacheTraceParser.parse(text, fileName: "t.trace").diagnostics.map(\.rendered)
  }

  @Test func parsesLoadsStoresHexDecimalCommentsAndCRLF() {
    let (accesses, diagnostics) = CacheTraceParser.parse(
      "# a comment\n\nR 0x1000 8\r\n  w 4096 0x10 # trailing comment\n\tR 7 1\n", fileName: "t")
    #expect(diagnostics.isEmpty)
    #expect(
      accesses == [
        TraceAccess(.load, address: 0x1000, size: 8), TraceAccess(.store, address: 4096, size: 16),
        TraceAccess(.load, address: 7, size: 1),
      ])
  }

  @Test func badLinesGetFileLineColumnCaretAndHint() {
    #expect(
      errors("R 0x10 4\nX 0x10 4\n") == [
        """
        t.trace:2:1: error: unknown access `X`: expected R or W
            2 | X 0x10 4
              | ^
        hint: each line is `R ADDR SIZE` (a load) or `W ADDR SIZE` (a store)
        """
      ])
    let report = errors(
      "R 0x1g 4\nW 0x10\nR 0x10 0\nR 1 5000\nR 1 2 x\nR 0xffffffffffffffff 2\nR\n"
        + "R 99999999999999999999 1\n")
    #expect(report.count == 8)
    #expect(report[0].hasPrefix("t.trace:1:3: error: invalid address `0x1g`"))
    #expect(report[1].hasPrefix("t.trace:2:7: error: missing size after the address"))
    #expect(report[2].hasPrefix("t.trace:3:8: error: size must be at least 1 byte"))
    #expect(report[3].hasPrefix("t.trace:4:5: error: size 5000 is larger than 4096 bytes"))
    #expect(report[4].hasPrefix("t.trace:5:7: error: unexpected `x` after the size"))
    #expect(report[5].contains("runs past the end of the 64-bit address space"))
    #expect(report[6].hasPrefix("t.trace:7:2: error: missing address after `R`"))
    #expect(report[7].contains("address `99999999999999999999` does not fit in 64 bits"))
    #expect(report.allSatisfy { $0.contains("\nhint: ") })
  }

  @Test func columnsCountCharactersNotBytes() {
    #expect(errors("R 0x10 4 é\n").first?.hasPrefix("t.trace:1:10: error: unexpected `é`") == true)
    #expect(errors("Ré 1 1\n").first?.hasPrefix("t.trace:1:1: error: unknown access `Ré`") == true)
  }

  @Test func diagnosticsAreCappedButCounted() {
    var parser = CacheTraceParser(fileName: "t")
    for number in 1...200 { _ = parser.parseLine(Array("bad".utf8)[...], number: number) }
    #expect(parser.errorCount == 200)
    #expect(parser.diagnostics.count == CacheTraceParser.maximumDiagnostics)
  }

  @Test func committedFixturesMatchTheReferenceModelAndPycachesim() throws {
    let manifest = try String(
      contentsOf: Self.fixtures.appendingPathComponent("expected.txt"), encoding: .utf8)
    var traces: [String: [TraceAccess]] = [:]
    var combinations = Set<String>()
    var checked = 0
    for line in manifest.split(separator: "\n") {
      let fields = line.split(separator: " ").map(String.init)
      try #require(fields.count == 7)
      let name = fields[0]
      if traces[name] == nil {
        let text = try String(
          contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
        let parsed = CacheTraceParser.parse(text, fileName: name)
        #expect(parsed.diagnostics.isEmpty)
        traces[name] = parsed.accesses
      }
      let geometry = CacheGeometry(
        size: Int(fields[1]) ?? 0, ways: Int(fields[2]) ?? 0, lineSize: Int(fields[3]) ?? 0,
        writePolicy: fields[4] == "write-back" ? .writeBack : .writeThrough,
        allocateOnWrite: fields[5] == "write-allocate")
      #expect(geometry.problem == nil)
      var cache = DataCache(geometry: geometry)
      cache.run(traces[name] ?? [])
      #expect(cache.statistics.jsonText == fields[6], "\(fields[0...5].joined(separator: " "))")
      combinations.insert(fields[4] + " " + fields[5])
      checked += 1
    }
    #expect(checked >= 80)
    #expect(combinations.count == 4)
  }
}
