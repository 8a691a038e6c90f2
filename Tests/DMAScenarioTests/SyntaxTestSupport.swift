import DMAScenario

/// A small deterministic random number generator (SplitMix64) for fuzz tests.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

/// Parses with the file name `test.dms`.
func parseScenario(_ source: String, limits: ParseLimits = .default) -> ParseResult {
  ScenarioParser.parse(source, fileName: "test.dms", limits: limits)
}

/// The rendered diagnostics of a source, joined by blank lines.
func renderedDiagnostics(_ source: String) -> String {
  parseScenario(source).diagnostics.map(\.rendered).joined(separator: "\n\n")
}

/// Parses `text` as the only argument of a call `f(text)` and returns the expression
/// (which therefore starts at column 3).
func parseSingleExpression(_ text: String) -> Expression? {
  let result = parseScenario("f(" + text + ")")
  guard result.diagnostics.isEmpty, result.syntax.statements.count == 1,
    case .call(nil, "f", let arguments, _) = result.syntax.statements[0].kind,
    arguments.count == 1, arguments[0].label == nil
  else { return nil }
  return arguments[0].value
}

/// A compact prefix notation for expressions, e.g. `(| A (+ 1 2))`, for readable assertions.
func sexp(_ expression: Expression) -> String {
  switch expression.kind {
  case .integer(let value):
    return String(value)
  case .string(let value):
    return "\"\(value)\""
  case .identifier(let name):
    return name
  case .call(let callee, let arguments):
    return "(call \(callee)" + arguments.map { " " + sexp($0) }.joined() + ")"
  case .member(let base, let name):
    return "(. \(sexp(base)) \(name))"
  case .index(let base, let index):
    return "([] \(sexp(base)) \(sexp(index)))"
  case .binary(let op, let lhs, let rhs):
    return "(\(op.symbol) \(sexp(lhs)) \(sexp(rhs)))"
  case .unary(let op, let operand):
    return "(\(op.symbol) \(sexp(operand)))"
  case .list(let elements):
    return "[" + elements.map(sexp).joined(separator: " ") + "]"
  }
}

/// An argument in prefix notation: `label=value` or `value`.
func sexp(_ argument: Argument) -> String {
  argument.label.map { "\($0)=" + sexp(argument.value) } ?? sexp(argument.value)
}

/// A statement in prefix notation, e.g. `buf = (call kmalloc 128 GFP_KERNEL)`.
func sexp(_ statement: Statement) -> String {
  switch statement.kind {
  case .call(let assignTo, let callee, let arguments, _):
    let call = "(call \(callee)" + arguments.map { " " + sexp($0) }.joined() + ")"
    return assignTo.map { "\($0) = \(call)" } ?? call
  case .directive(let keyword, let arguments, _):
    return "\(keyword):" + arguments.map { " " + sexp($0) }.joined()
  case .assignment(let target, let op, let value):
    return "(\(op.rawValue) \(sexp(target)) \(sexp(value)))"
  case .ifElse(let condition, let then, let otherwise):
    return "(if \(sexp(condition)) {" + then.map(sexp).joined(separator: "; ") + "}"
      + (otherwise.map { " else {" + $0.map(sexp).joined(separator: "; ") + "}" } ?? "") + ")"
  case .whileLoop(let condition, let body):
    return "(while \(sexp(condition)) {" + body.map(sexp).joined(separator: "; ") + "})"
  case .forLoop(let initializer, let condition, let step, let body):
    return "(for \(initializer.map(sexp) ?? "-") \(condition.map(sexp) ?? "-") "
      + "\(step.map(sexp) ?? "-") {" + body.map(sexp).joined(separator: "; ") + "})"
  case .block(let body): return "{" + body.map(sexp).joined(separator: "; ") + "}"
  case .goto(let label, _): return "(goto \(label))"
  case .label(let name): return "\(name):"
  case .returnStatement(let value): return "(return" + (value.map { " " + sexp($0) } ?? "") + ")"
  case .breakStatement: return "(break)"
  case .continueStatement: return "(continue)"
  case .declaration(let type, let name, _, let initializer):
    return "(decl \(type.text) \(name)" + (initializer.map { " " + sexp($0) } ?? "") + ")"
  case .function(let definition):
    return "(function \(definition.returnType.text) \(definition.name) ("
      + definition.parameters.map { "\($0.type.text) \($0.name)" }.joined(separator: ", ") + ") {"
      + definition.body.map(sexp).joined(separator: "; ") + "})"
  }
}

/// Shorthand for a source range.
func span(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
  SourceRange(
    start: SourceLocation(line: line, column: column),
    end: SourceLocation(line: endLine, column: endColumn))
}

/// The example scenario from the language description.
let exampleScenario = """
  # The first transfer: CPU fills a buffer, the DMA engine sends it to the SPI FIFO.
  lesson "Your first DMA transfer"
  board minimal
  seed 7

  chan = dma_request_chan(spi0, "tx")
  dmaengine_slave_config(chan, dst_addr_width=4, dst_maxburst=4)
  say "kmalloc gives us memory from the linear map: cacheable, physically contiguous."
  buf = kmalloc(128, GFP_KERNEL)
  cpu_write(buf, 0, "Hello from the CPU!\\n", repeat=6)
  cpu_write(buf, 0x40, bytes(0xde, 0xad, 0xbe, 0xef))
  handle = dma_map_single(spi0, buf, 128, DMA_TO_DEVICE)
  desc = dmaengine_prep_slave_single(chan, handle, 128, DMA_MEM_TO_DEV,
                                     DMA_PREP_INTERRUPT | DMA_CTRL_ACK)
  cookie = dmaengine_submit(desc)
  dma_async_issue_pending(chan)
  pause
  run until complete(cookie)
  run 100 ticks
  expect cache.line(buf, 0).state == dirty
  expect dma_async_is_tx_complete(chan, cookie) == DMA_COMPLETE
  ask "What does the device read at offset 0?" answer "stale data"
  dma_unmap_single(spi0, handle, 128, DMA_TO_DEVICE)
  kfree(buf)

  """
