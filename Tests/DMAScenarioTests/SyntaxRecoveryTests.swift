import DMAScenario
import Testing

@Suite("Error recovery")
struct SyntaxRecoveryTests {
  static let broken = #"""
    lesson "Broken"
    buf = kmalloc(128, GFP_KERNEL
    say "unterminated
    x = 5
    f(a,,b)
    cpu_write(buf, 0, "\q", 12abc)
    kfree(buf)
    desc = prep(chan,
                handle 128)   # missing comma on a continuation line
    pause
    """#

  @Test func everyErrorIsReportedInSourceOrder() {
    let result = parseScenario(Self.broken)
    let summary = result.diagnostics.map { "\($0.location) \($0.message)" }
    #expect(
      summary == [
        "2:30 expected `)` to close the call to `kmalloc` opened at 2:14",
        "3:5 unterminated string literal",
        "5:5 empty argument in the call to `f`",
        "6:20 unknown escape sequence `\\q`",
        "6:27 invalid suffix `abc` on integer literal `12abc`",
        "9:20 expected `,` or `)` in the call to `prep`, found number `128`",
      ])
    #expect(
      result.syntax.statements.map(sexp) == [
        #"lesson: "Broken""#, "(= x 5)", "(call kfree buf)", "pause:",
      ])
  }

  @Test func recoveryResumesAtTheNextLineAtDepthZero() {
    let source = """
      say [(1 +
        2 3)] more
      pause
      """
    let result = parseScenario(source)
    #expect(
      result.diagnostics.map(\.message) == [
        "expected `)` to close the parenthesis opened at 1:6, found number `3`"
      ])
    #expect(result.syntax.statements.map(sexp) == ["pause:"])
  }

  @Test func unclosedBracketDoesNotSwallowFollowingStatements() {
    let source = """
      f(a b
      g(1
      h()
      """
    let result = parseScenario(source)
    #expect(result.diagnostics.map(\.location.description) == ["1:5", "2:4"])
    #expect(result.syntax.statements.map(sexp) == ["(call h)"])
  }

  @Test func twoLexicalErrorsOnOneLineAreBothReported() {
    let result = parseScenario("say @ \"a\\q\" $")
    #expect(result.diagnostics.map(\.location.column) == [5, 9, 13])
    #expect(result.syntax.statements.isEmpty)
  }

  @Test func unindentedContinuationAfterAnErrorIsSkipped() {
    let source = """
      x = f(a b,
      c, d)
      pause
      """
    let result = parseScenario(source)
    #expect(result.diagnostics.map(\.location.description) == ["1:9"])
    #expect(result.syntax.statements.map(sexp) == ["pause:"])
  }

  @Test func missingCommaBeforeUnindentedContinuation() {
    let result = parseScenario("desc = prep(chan, handle\nDMA_PREP_INTERRUPT)\npause")
    #expect(
      result.diagnostics.map(\.message) == [
        "expected `,` or `)` in the call to `prep`, found `DMA_PREP_INTERRUPT`"
      ])
    #expect(result.syntax.statements.map(sexp) == ["pause:"])
  }

  @Test func strayClosingBracketIsReported() {
    let result = parseScenario("say x)\npause")
    #expect(result.diagnostics.map(\.message) == ["unexpected `)` with nothing open to close"])
    #expect(result.syntax.statements.map(sexp) == ["pause:"])
  }

  @Test func callFollowedByJunk() {
    let result = parseScenario("kfree(buf) now\npause")
    #expect(result.diagnostics.map(\.message) == ["unexpected `now` after the call to `kfree`"])
    #expect(result.syntax.statements.count == 1)
  }

  @Test func badExpressionsInsideArguments() {
    let source = """
      f(a +)
      g(* b)
      h(x == )
      i(a.)
      j([1 2])
      k(y = 1, 2 = 3)
      """
    let messages = parseScenario(source).diagnostics.map(\.message)
    #expect(
      messages == [
        "expected an expression, found `)`",
        "expected an expression, found `*`",
        "expected an expression, found `)`",
        "expected a member name after `.`, found `)`",
        "expected `,` or `]` in the list, found number `2`",
        "expected `,` or `)` in the call to `k`, found `=`",
      ])
  }

  @Test func crlfAndCarriageReturnLineEndings() {
    let result = parseScenario("pause\r\nrun 1 ticks\rsay \"x")
    #expect(result.syntax.lines == ["pause", "run 1 ticks", "say \"x"])
    #expect(result.syntax.statements.map(sexp) == ["pause:", "run: 1 ticks"])
    #expect(result.diagnostics.map(\.location.description) == ["3:5"])
  }
}
