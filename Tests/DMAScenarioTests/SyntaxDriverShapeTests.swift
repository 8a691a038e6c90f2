import DMAScenario
import Testing

/// The driver's own shape parses (issue 16, slice 1): a completion callback in the kernel's
/// form, declarations, `->` assignments, `&x`, `if`/`else`, loops and a `goto` unwind. Control
/// flow runs (ControlFlowTests); callbacks do not yet (`loweringRefusesWhatCannotRunYet`).
@Suite struct SyntaxDriverShapeTests {
  static let driver = """
    board soc
    static void rx_done(void *param)
    {
    \tcomplete(param);
    }
    struct completion done;
    int i = 0;
    chan = dma_request_chan(uart0, "rx");
    if (IS_ERR(chan)) {
    \treturn PTR_ERR(chan);
    }
    for (i = 0; i < 4; i++) {
    \tcontinue;
    }
    while (!done) { break; }
    d->callback = rx_done;
    d->callback_param = &done;
    if (h == NULL) goto err_unmap; else i += 2;
    err_unmap:
    \tkfree(buf);
    """

  @Test func everyConstructParsesWithoutDiagnostics() {
    let result = parseScenario(Self.driver)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    #expect(
      result.syntax.statements.map(sexp) == [
        "board: soc",
        "(function void rx_done (void * param) {(call complete param)})",
        "(decl struct completion done)",
        "(decl int i 0)",
        #"chan = (call dma_request_chan uart0 "rx")"#,
        "(if (call IS_ERR chan) {(return (call PTR_ERR chan))})",
        "(for (= i 0) (< i 4) (+= i 1) {(continue)})",
        "(while (! done) {(break)})",
        "(= (. d callback) rx_done)",
        "(= (. d callback_param) (& done))",
        "(if (== h NULL) {(goto err_unmap)} else {(+= i 2)})",
        "err_unmap:",
        "(call kfree buf)",
      ])
  }

  /// Slice 2 runs `if`, loops, `goto`, labels and integer declarations (ControlFlowTests);
  /// what callbacks need (functions, field assignments, `struct completion`) gets one error at
  /// its own line, and `&handle` in a call argument is the variable (no error).
  @Test func loweringRefusesWhatCannotRunYet() {
    let result = ScenarioCompiler.compile(
      """
      board soc
      static void rx_done(void *param) { }
      struct completion done;
      int i = 0;
      buf = kmalloc(64, GFP_KERNEL);
      if (i == 0) { kfree(buf); }
      d->callback = rx_done;
      err:
      h = dma_map_single(uart0, buf, 64, DMA_TO_DEVICE);
      e = dma_mapping_error(uart0, &h);
      """, fileName: "driver.dms")
    let errors = result.diagnostics.map { "\($0.location.line): \($0.message)" }
    #expect(
      errors == [
        "2: the function definition `rx_done` cannot run yet",
        "3: the declaration of `done` (struct completion) cannot run yet",
        "7: `d->callback = …` cannot run yet",
      ])
    #expect(result.scenario == nil)
  }

  /// One mistake per new construct, one error each, at its line and column, with a hint.
  @Test(arguments: [
    ("if i == 0 { kfree(buf) }", "2:4: expected `(` after `if`, found `i`"),
    ("while () { }", "2:8: empty condition in `while ()`"),
    ("for i { }", "2:5: expected `(` after `for`, found `i`"),
    (
      "for (i = 0 i < 4; i++) { }",
      "2:12: expected `;` in the `for` header opened at 2:5, found `i`"
    ),
    ("goto ;", "2:6: expected a label name after `goto`, found `;`"),
    ("else { }", "2:1: `else` without an `if`"),
    ("if (x) {\n kfree(buf)\n", "3:12: expected `}` to close the block opened at 2:8"),
  ])
  func eachMistakeGetsOneError(_ line: String, _ expected: String) {
    let result = parseScenario("board soc\n" + line + "\n")
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(
      errors.map { "\($0.location.line):\($0.location.column): \($0.message)" } == [expected])
    #expect(errors.allSatisfy { $0.hint?.isEmpty == false })
  }
}
