import DMAScenario
import Testing

/// A source and the exact rendering of the diagnostics it produces.
struct DiagnosticCase: Sendable, CustomTestStringConvertible {
  let name: String
  let source: String
  let rendered: String

  var testDescription: String { name }
}

@Suite("Diagnostics")
struct SyntaxDiagnosticTests {
  static let cases: [DiagnosticCase] = [
    DiagnosticCase(
      name: "unterminated string", source: "lesson \"x\"\nboard minimal\nsay \"hello",
      rendered: """
        test.dms:3:5: error: unterminated string literal
            3 | say "hello
              |     ^~~~~~
        hint: close the string with a double quote on the same line
        """),
    DiagnosticCase(
      name: "missing closing parenthesis", source: "buf = kmalloc(128, GFP_KERNEL\nkfree(buf)",
      rendered: """
        test.dms:1:30: error: expected `)` to close the call to `kmalloc` opened at 1:14
            1 | buf = kmalloc(128, GFP_KERNEL
              |                              ^
        hint: add the missing `)`; a newline inside brackets continues the statement
        """),
    DiagnosticCase(
      name: "invalid number suffix", source: "buf = kmalloc(12abc, GFP_KERNEL)",
      rendered: """
        test.dms:1:17: error: invalid suffix `abc` on integer literal `12abc`
            1 | buf = kmalloc(12abc, GFP_KERNEL)
              |                 ^~~
        hint: size suffixes are K, M, G, KiB, MiB and GiB; names cannot start with a digit
        """),
    DiagnosticCase(
      name: "lowercase size suffix", source: "buf = kmalloc(4k, GFP_KERNEL)",
      rendered: """
        test.dms:1:16: error: invalid suffix `k` on integer literal `4k`
            1 | buf = kmalloc(4k, GFP_KERNEL)
              |                ^
        hint: did you mean `4K`? size suffixes are case-sensitive
        """),
    DiagnosticCase(
      name: "unknown escape", source: #"say "a\qb""#,
      rendered: #"""
        test.dms:1:7: error: unknown escape sequence `\q`
            1 | say "a\qb"
              |       ^~
        hint: valid escapes are \n \t \r \0 \\ \" and \xNN
        """#),
    DiagnosticCase(
      name: "short hex escape", source: #"say "\x4""#,
      rendered: #"""
        test.dms:1:6: error: `\x` must be followed by two hexadecimal digits
            1 | say "\x4"
              |      ^~~
        hint: write a character code as two hex digits, for example \x41
        """#),
    DiagnosticCase(
      name: "empty argument", source: "f(a,,b)",
      rendered: """
        test.dms:1:5: error: empty argument in the call to `f`
            1 | f(a,,b)
              |     ^
        hint: remove the extra `,` or write the missing argument
        """),
    DiagnosticCase(
      name: "unexpected character without hint", source: "say @@ now",
      rendered: """
        test.dms:1:5: error: unexpected characters `@@`
            1 | say @@ now
              |     ^~
        """),
    DiagnosticCase(
      name: "missing comma", source: "f(a b)",
      rendered: """
        test.dms:1:5: error: expected `,` or `)` in the call to `f`, found `b`
            1 | f(a b)
              |     ^
        hint: separate arguments with `,`
        """),
    DiagnosticCase(
      name: "integer overflow", source: "seed 18446744073709551616",
      rendered: """
        test.dms:1:6: error: integer literal `18446744073709551616` does not fit in 64 bits
            1 | seed 18446744073709551616
              |      ^~~~~~~~~~~~~~~~~~~~
        hint: the largest integer is 18446744073709551615 (0xffff_ffff_ffff_ffff)
        """),
    DiagnosticCase(
      name: "suffix overflow", source: "seed 0xffff_ffff_ffffG",
      rendered: """
        test.dms:1:6: error: integer literal `0xffff_ffff_ffffG` does not fit in 64 bits
            1 | seed 0xffff_ffff_ffffG
              |      ^~~~~~~~~~~~~~~~~
        hint: the largest integer is 18446744073709551615 (0xffff_ffff_ffff_ffff)
        """),
    DiagnosticCase(
      name: "invalid binary digit", source: "seed 0b1021",
      rendered: """
        test.dms:1:10: error: invalid digit `2` in binary literal `0b1021`
            1 | seed 0b1021
              |          ^
        hint: binary digits are 0 and 1
        """),
    DiagnosticCase(
      name: "chained comparison", source: "expect a < b < c",
      rendered: """
        test.dms:1:14: error: comparison operators cannot be chained
            1 | expect a < b < c
              |              ^
        hint: combine comparisons with `&&`, e.g. `a < b && b < c`
        """),
    DiagnosticCase(
      name: "commas between directive arguments", source: #"ask "Why?", answer "cache""#,
      rendered: """
        test.dms:1:11: error: unexpected `,` in the arguments of `ask`
            1 | ask "Why?", answer "cache"
              |           ^
        hint: directive arguments are separated by spaces, not commas
        """),
    DiagnosticCase(
      name: "mismatched bracket", source: "f(a]",
      rendered: """
        test.dms:1:4: error: expected `,` or `)` in the call to `f`, found `]`
            1 | f(a]
              |    ^
        hint: the call to `f` was opened with `(` at 1:2, so close it with `)`
        """),
    DiagnosticCase(
      name: "unclosed list at end of file", source: "say [1, 2,\n  3",
      rendered: """
        test.dms:2:4: error: expected `]` to close the list opened at 1:5
            2 |   3
              |    ^
        hint: add the missing `]`; a newline inside brackets continues the statement
        """),
    DiagnosticCase(
      name: "statement starting with a number", source: "42 ticks",
      rendered: """
        test.dms:1:1: error: expected a statement, found number `42`
            1 | 42 ticks
              | ^~
        hint: a statement is a call such as `kfree(buf)` or a directive such as `say "…"`
        """),
    DiagnosticCase(
      name: "missing call after equals", source: "x =   # nothing",
      rendered: """
        test.dms:1:4: error: expected a function call after `=`
            1 | x =   # nothing
              |    ^
        hint: assignments store the result of a call, e.g. `buf = kmalloc(128, GFP_KERNEL)`
        """),
    DiagnosticCase(
      name: "C comment", source: "// setup",
      rendered: """
        test.dms:1:1: error: C-style comments are not supported
            1 | // setup
              | ^~
        hint: start a comment with `#`
        """),
    DiagnosticCase(
      name: "typographic quotes", source: "say “hi”",
      rendered: """
        test.dms:1:5: error: typographic quote `“` cannot start a string
            1 | say “hi”
              |     ^~~~
        hint: use plain double quotes: "…"
        """),
    DiagnosticCase(
      name: "missing labelled value", source: "f(dst_maxburst=)",
      rendered: """
        test.dms:1:16: error: missing value for argument `dst_maxburst`
            1 | f(dst_maxburst=)
              |                ^
        hint: write `dst_maxburst = value`
        """),
    DiagnosticCase(
      name: "leading zero warning", source: "seed 0644",
      rendered: """
        test.dms:1:6: warning: leading zero in `0644`: this is the decimal number 644
            1 | seed 0644
              |      ^~~~
        hint: octal literals are not supported; remove the leading zero, or use 0x… for hex
        """),
    DiagnosticCase(
      name: "fractional number", source: "run 1.5 ticks",
      rendered: """
        test.dms:1:7: error: expected a member name after `.`, found number `5`
            1 | run 1.5 ticks
              |       ^
        hint: fractional numbers are not supported; use whole numbers
        """),
    DiagnosticCase(
      name: "tab in source line", source: "\tsay\t\"x",
      rendered: """
        test.dms:1:6: error: unterminated string literal
            1 |  say "x
              |      ^~
        hint: close the string with a double quote on the same line
        """),
    DiagnosticCase(
      name: "calling a non-name", source: "expect f(1)(2) == 3",
      rendered: """
        test.dms:1:12: error: only a name can be called
            1 | expect f(1)(2) == 3
              |            ^
        hint: call a function by name, like `complete(cookie)` or `cache.line(buf, 0)`
        """),
    DiagnosticCase(
      name: "directive argument starting with a parenthesis", source: "expect (a + b) == c",
      rendered: """
        test.dms:1:16: error: unexpected `==` after the call to `expect`
            1 | expect (a + b) == c
              |                ^~
        hint: a name followed by `(` starts a call; if `expect` is a directive, \
        its first argument cannot start with `(`
        """),
    DiagnosticCase(
      name: "comparison without expect", source: "x == 5",
      rendered: """
        test.dms:1:3: error: expected an argument after `x`, found `==`
            1 | x == 5
              |   ^~
        hint: to check a condition, write `expect x == …`
        """),
    DiagnosticCase(
      name: "non-ASCII hex escape", source: #"say "\xde""#,
      rendered: #"""
        test.dms:1:6: error: `\xde` is not an ASCII character
            1 | say "\xde"
              |      ^~~~
        hint: strings hold text; write raw bytes with bytes(0xde, …)
        """#),
  ]

  @Test(arguments: cases)
  func rendersExactly(_ testCase: DiagnosticCase) {
    #expect(renderedDiagnostics(testCase.source) == testCase.rendered)
  }

  @Test func warningsAloneAreNotErrors() {
    let result = parseScenario("seed 007")
    #expect(result.diagnostics.map(\.severity) == [.warning])
    #expect(!result.hasErrors)
    #expect(result.syntax.statements.count == 1)
  }

  @Test func gutterGrowsWithLineNumber() {
    let diagnostic = Diagnostic(
      fileName: "big.dms", location: SourceLocation(line: 123_456, column: 3), length: 2,
      severity: .warning, message: "m", hint: nil, sourceLine: "abcd")
    #expect(
      diagnostic.rendered == """
        big.dms:123456:3: warning: m
         123456 | abcd
                |   ^~
        """)
    #expect(diagnostic.description == diagnostic.rendered)
  }

  @Test func lengthIsAtLeastOne() {
    let diagnostic = Diagnostic(
      fileName: "a", location: SourceLocation(line: 1, column: 1), length: 0,
      severity: .error, message: "m", hint: "h", sourceLine: "")
    #expect(diagnostic.length == 1)
    #expect(diagnostic.rendered == "a:1:1: error: m\n    1 |\n      | ^\nhint: h")
  }

  @Test func diagnosticIsAnError() {
    let error: any Error = parseScenario("say \"x").diagnostics[0]
    #expect(error is Diagnostic)
  }
}
