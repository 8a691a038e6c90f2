import DMAScenario
import Testing

@Suite("Expressions")
struct SyntaxExpressionTests {
  @Test(arguments: [
    ("a || b && c == d | e + f * g", "(|| a (&& b (== c (| d (+ e (* f g))))))"),
    ("a * b + c | d != e && f || g", "(|| (&& (!= (| (+ (* a b) c) d) e) f) g)"),
    ("a - b - c", "(- (- a b) c)"),
    ("a / b * c", "(* (/ a b) c)"),
    ("a | b | c", "(| (| a b) c)"),
    ("(a + b) * c", "(* (+ a b) c)"),
    ("-a * b", "(* (- a) b)"),
    ("!a && b", "(&& (! a) b)"),
    ("- -a", "(- (- a))"),
    ("!(a == b)", "(! (== a b))"),
    ("a + 1 <= b | c", "(<= (+ a 1) (| b c))"),
    ("a < b || c >= d", "(|| (< a b) (>= c d))"),
    ("x[1].y", "(. ([] x 1) y)"),
    ("m[i][j + 1]", "([] ([] m i) (+ j 1))"),
    ("cache.line(buf, 0).state", "(. (call cache.line buf 0) state)"),
    ("f()", "(call f)"),
    ("[]", "[]"),
    ("[1, [2, 3],]", "[1 [2 3]]"),
    ("-x.y", "(- (. x y))"),
  ])
  func precedenceAndShape(_ source: String, _ expected: String) {
    let expression = parseSingleExpression(source)
    #expect(expression.map(sexp) == expected)
  }

  @Test(
    arguments: [
      ("0", 0), ("42", 42), ("1_000_000", 1_000_000), ("0xFF", 255), ("0xdead_beef", 0xdead_beef),
      ("0b1010", 10), ("0B11", 3), ("0X1f", 31), ("4K", 4096), ("4KiB", 4096), ("2M", 2 << 20),
      ("256MiB", 256 << 20), ("1G", 1 << 30), ("3GiB", 3 << 30), ("0x10K", 16 << 10),
      ("0b1K", 1024), ("1_K", 1024), ("0x_ff", 255), ("18446744073709551615", UInt64.max),
      ("0xffff_ffff_ffff_ffff", UInt64.max), ("17179869183G", 17_179_869_183 << 30),
    ] as [(String, UInt64)])
  func integerLiterals(_ source: String, _ value: UInt64) {
    #expect(parseSingleExpression(source)?.kind == .integer(value))
  }

  @Test(arguments: [
    "17179869184G", "0x1_0000_0000_0000_0000", "0x", "0b", "0b2", "1KB", "7z", "1Ki",
  ])
  func invalidIntegerLiterals(_ source: String) {
    let result = parseScenario("seed " + source)
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.severity == .error)
    #expect(result.syntax.statements.isEmpty)
  }

  @Test func stringEscapes() {
    let expression = parseSingleExpression(#""a\n\t\r\0\\\"\x41\x7f é""#)
    #expect(expression?.kind == .string("a\n\t\r\u{0}\\\"A\u{7f} é"))
    #expect(parseSingleExpression(#""""#)?.kind == .string(""))
    #expect(parseSingleExpression(##""# not a comment""##)?.kind == .string("# not a comment"))
  }

  @Test func continuationInsideParenthesesAndBrackets() {
    let source = """
      desc = prep(chan,   # a comment inside the call

          [1,
           2],
          (a +
           b),
      )
      say x
      """
    let result = parseScenario(source)
    #expect(result.diagnostics.isEmpty)
    #expect(
      result.syntax.statements.map(sexp) == ["desc = (call prep chan [1 2] (+ a b))", "say: x"])
    #expect(result.syntax.statements[0].range == span(1, 1, 7, 2))
  }

  @Test func newlineEndsADirectiveOutsideBrackets() {
    let result = parseScenario("say a +\n2")
    #expect(
      result.diagnostics.map(\.message) == [
        "expected an expression, found end of line",
        "expected a statement, found number `2`",
      ])
    #expect(result.diagnostics.first?.location == SourceLocation(line: 1, column: 8))
  }

  @Test func directiveArgumentsAreJuxtaposedExpressions() {
    let result = parseScenario("run until complete(cookie) || timeout(5) 3 \"x\" !b [a]\nsay a -1")
    #expect(
      result.syntax.statements.map(sexp) == [
        #"run: until (|| (call complete cookie) (call timeout 5)) 3 "x" (! ([] b a))"#,
        "say: (- a 1)",
      ])
  }

  @Test func dottedCallStatementsAndTrailingCommas() {
    let result = parseScenario("cache.flush(buf, 0,)\nx = iommu.map(dev,)")
    #expect(result.diagnostics.isEmpty)
    #expect(
      result.syntax.statements.map(sexp) == [
        "(call cache.flush buf 0)", "x = (call iommu.map dev)",
      ])
    guard case .call(_, _, _, let calleeRange) = result.syntax.statements[1].kind else {
      Issue.record("expected a call")
      return
    }
    #expect(calleeRange == span(2, 5, 2, 14))
  }

  @Test func parenthesisedRangesIncludeTheParentheses() {
    let expression = parseSingleExpression("( a )")
    #expect(expression == Expression(kind: .identifier("a"), range: span(1, 3, 1, 8)))
  }

  @Test func columnsCountCharacters() {
    let result = parseScenario("say \"🎉é\" @")
    #expect(result.diagnostics.first?.location == SourceLocation(line: 1, column: 10))
  }

  @Test func operatorSymbols() {
    #expect(
      BinaryOperator.allCases.map(\.symbol).joined(separator: " ")
        == "|| && == != < <= > >= | + - * /")
    #expect(UnaryOperator.allCases.map(\.symbol) == ["-", "!", "&"])
  }

  @Test func emptyAndCommentOnlySources() {
    for source in ["", "\n\n", "# only a comment\n   \n\t# another"] {
      let result = parseScenario(source)
      #expect(result.diagnostics.isEmpty)
      #expect(result.syntax.statements.isEmpty)
    }
    #expect(parseScenario("").syntax.lines.isEmpty)
    #expect(parseScenario("a\n").syntax.lines == ["a"])
    #expect(parseScenario("a\n\n").syntax.lines == ["a", ""])
  }
}
