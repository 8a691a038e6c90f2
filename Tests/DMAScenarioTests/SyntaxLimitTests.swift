import DMAScenario
import Testing

@Suite("Limits")
struct SyntaxLimitTests {
  /// Parses and checks that it took less than `seconds` (generous: debug builds are slow).
  private func timedParse(_ source: String, limits: ParseLimits = .default, seconds: Int = 20)
    -> ParseResult
  {
    let clock = ContinuousClock()
    var result: ParseResult?
    let elapsed = clock.measure { result = parseScenario(source, limits: limits) }
    #expect(elapsed < .seconds(seconds))
    return result ?? parseScenario("")
  }

  @Test func hugeNestingAcrossLinesIsRejected() {
    let line = String(repeating: "(", count: 1000)
    let source = "x = f(\n" + Array(repeating: line, count: 100).joined(separator: "\n") + "\npause"
    let result = timedParse(source)
    #expect(result.diagnostics.count == 1)
    #expect(
      result.diagnostics.first?.message
        == "expression is nested too deeply (the limit is 64 levels)")
    #expect(result.diagnostics.first?.location == SourceLocation(line: 2, column: 64))
    #expect(result.syntax.statements.map(sexp) == ["pause:"])
  }

  @Test func hugeNestingOnOneLineIsRejected() {
    let source = "say " + String(repeating: "(", count: 100_000) + "\npause"
    let tooLong = timedParse(source)
    #expect(
      tooLong.diagnostics.map(\.message) == [
        "line is too long (100004 characters; the limit is 4096)"
      ])
    #expect(tooLong.diagnostics.first?.location == SourceLocation(line: 1, column: 4097))
    let unlimited = ParseLimits(maxLineLength: .max)
    let nested = timedParse("f" + String(repeating: "(", count: 100_000), limits: unlimited)
    #expect(nested.diagnostics.map(\.location) == [SourceLocation(line: 1, column: 66)])
  }

  @Test func longOperatorChainsAndUnaryRunsAreBounded() {
    let unlimited = ParseLimits(maxLineLength: .max)
    let chain = "say 1" + String(repeating: " + 1", count: 100_000)
    #expect(timedParse(chain, limits: unlimited).diagnostics.count == 1)
    let negations = "say " + String(repeating: "-", count: 100_000) + "1"
    #expect(timedParse(negations, limits: unlimited).diagnostics.count == 1)
    let members = "say a" + String(repeating: ".b", count: 100_000)
    #expect(timedParse(members, limits: unlimited).diagnostics.count == 1)
    let lists = "say " + String(repeating: "[", count: 100_000)
    #expect(timedParse(lists, limits: unlimited).diagnostics.count == 1)
  }

  @Test func nestingUpToTheLimitIsAccepted() {
    let limits = ParseLimits(maxNestingDepth: 64)
    let ok = "say " + String(repeating: "(", count: 64) + "1" + String(repeating: ")", count: 64)
    #expect(parseScenario(ok, limits: limits).diagnostics.isEmpty)
    let deep = "say " + String(repeating: "(", count: 65) + "1" + String(repeating: ")", count: 65)
    #expect(parseScenario(deep, limits: limits).diagnostics.count == 1)
  }

  @Test func overlongLineIsReportedAndSkipped() {
    let source = "say \"" + String(repeating: "x", count: 5000) + "\"\npause"
    let result = timedParse(source)
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.location == SourceLocation(line: 1, column: 4097))
    #expect(result.diagnostics.first?.hint?.contains("newline inside") == true)
    #expect(result.syntax.statements.map(sexp) == ["pause:"])
  }

  @Test func tooManyStatements() {
    let source = String(repeating: "pause\n", count: 100_001) + "say @"
    let result = timedParse(source)
    #expect(result.syntax.statements.count == 100_000)
    #expect(result.diagnostics.map(\.message) == ["too many statements: the limit is 100000"])
    #expect(result.diagnostics.first?.location == SourceLocation(line: 100_001, column: 1))
    let small = parseScenario("a\nb\nc\nd", limits: ParseLimits(maxStatements: 3))
    #expect(small.syntax.statements.count == 3)
    #expect(small.diagnostics.map(\.location.line) == [4])
  }

  @Test func oversizedSourceIsRejectedUnparsed() {
    let result = parseScenario("pause\npause", limits: ParseLimits(maxSourceBytes: 8))
    #expect(result.syntax.statements.isEmpty)
    #expect(
      result.diagnostics.map(\.rendered) == [
        """
        test.dms:1:1: error: scenario is too large (11 bytes; the limit is 8)
            1 | pause
              | ^
        hint: split it into smaller scenarios
        """
      ])
    let big = String(repeating: "pause\n", count: 200_000)
    #expect(timedParse(big).diagnostics.first?.message.hasPrefix("scenario is too large") == true)
  }

  @Test func diagnosticsAreCapped() {
    let source = String(repeating: "@\n", count: 1500)
    let result = timedParse(source)
    #expect(result.diagnostics.count == 1001)
    #expect(result.diagnostics.last?.message == "too many errors (500 more not shown)")
    #expect(result.diagnostics.last?.location.line == 1001)
    let few = parseScenario("@\n@\n@", limits: ParseLimits(maxDiagnostics: 1))
    #expect(few.diagnostics.map(\.location.line) == [1, 2])
  }

  @Test func defaultLimits() {
    let limits = ParseLimits.default
    #expect(limits.maxSourceBytes == 1_048_576)
    #expect(limits.maxLineLength == 4096)
    #expect(limits.maxNestingDepth == 64)
    #expect(limits.maxStatements == 100_000)
    #expect(limits.maxDiagnostics == 1000)
  }
}
