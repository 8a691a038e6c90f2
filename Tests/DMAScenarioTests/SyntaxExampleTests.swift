import DMAScenario
import Testing

@Suite("Example scenario")
struct SyntaxExampleTests {
  let result = parseScenario(exampleScenario)

  @Test func parsesWithoutDiagnostics() {
    #expect(result.diagnostics.isEmpty)
    #expect(!result.hasErrors)
    #expect(result.syntax.fileName == "test.dms")
    #expect(result.syntax.lines.count == 24)
    #expect(result.syntax.lines[12].hasPrefix("desc = dmaengine_prep_slave_single("))
  }

  @Test func statementShapes() {
    let expected = [
      #"lesson: "Your first DMA transfer""#,
      "board: minimal",
      "seed: 7",
      #"chan = (call dma_request_chan spi0 "tx")"#,
      "(call dmaengine_slave_config chan dst_addr_width=4 dst_maxburst=4)",
      #"say: "kmalloc gives us memory from the linear map: cacheable, physically contiguous.""#,
      "buf = (call kmalloc 128 GFP_KERNEL)",
      "(call cpu_write buf 0 \"Hello from the CPU!\n\" repeat=6)",
      "(call cpu_write buf 64 (call bytes 222 173 190 239))",
      "handle = (call dma_map_single spi0 buf 128 DMA_TO_DEVICE)",
      "desc = (call dmaengine_prep_slave_single chan handle 128 DMA_MEM_TO_DEV"
        + " (| DMA_PREP_INTERRUPT DMA_CTRL_ACK))",
      "cookie = (call dmaengine_submit desc)",
      "(call dma_async_issue_pending chan)",
      "pause:",
      "run: until (call complete cookie)",
      "run: 100 ticks",
      "expect: (== (. (call cache.line buf 0) state) dirty)",
      "expect: (== (call dma_async_is_tx_complete chan cookie) DMA_COMPLETE)",
      #"ask: "What does the device read at offset 0?" answer "stale data""#,
      "(call dma_unmap_single spi0 handle 128 DMA_TO_DEVICE)",
      "(call kfree buf)",
    ]
    #expect(result.syntax.statements.map(sexp) == expected)
  }

  @Test func statementRanges() {
    let ranges = result.syntax.statements.map(\.range)
    #expect(ranges[0] == span(2, 1, 2, 33))
    #expect(ranges[3] == span(6, 1, 6, 36))
    #expect(ranges[10] == span(13, 1, 14, 70))
    #expect(ranges[13] == span(17, 1, 17, 6))
    #expect(ranges[20] == span(24, 1, 24, 11))
  }

  @Test func assignmentDetails() throws {
    let statement = result.syntax.statements[3]
    guard case .call(let assignTo, let callee, let arguments, let calleeRange) = statement.kind
    else {
      Issue.record("expected a call, got \(statement.kind)")
      return
    }
    #expect(assignTo == "chan")
    #expect(callee == "dma_request_chan")
    #expect(calleeRange == span(6, 8, 6, 24))
    #expect(arguments.count == 2)
    #expect(
      arguments[0]
        == Argument(
          label: nil, value: Expression(kind: .identifier("spi0"), range: span(6, 25, 6, 29)),
          range: span(6, 25, 6, 29)))
    #expect(arguments[1].value == Expression(kind: .string("tx"), range: span(6, 31, 6, 35)))
  }

  @Test func labelledArguments() {
    guard
      case .call(nil, "dmaengine_slave_config", let arguments, _) =
        result.syntax.statements[4].kind
    else {
      Issue.record("expected dmaengine_slave_config call")
      return
    }
    #expect(arguments.map(\.label) == [nil, "dst_addr_width", "dst_maxburst"])
    #expect(arguments[1].range == span(7, 30, 7, 46))
    #expect(arguments[1].value == Expression(kind: .integer(4), range: span(7, 45, 7, 46)))
  }

  @Test func directiveDetails() {
    guard
      case .directive("ask", let arguments, let keywordRange) =
        result.syntax.statements[18].kind
    else {
      Issue.record("expected ask directive")
      return
    }
    #expect(keywordRange == span(22, 1, 22, 4))
    #expect(arguments.count == 3)
    #expect(arguments[1] == Expression(kind: .identifier("answer"), range: span(22, 46, 22, 52)))
    #expect(arguments[2].kind == .string("stale data"))
  }

  @Test func expectExpressionTree() {
    guard case .directive("expect", let arguments, _) = result.syntax.statements[16].kind,
      arguments.count == 1,
      case .binary(.equal, let lhs, let rhs) = arguments[0].kind,
      case .member(let base, "state") = lhs.kind,
      case .call("cache.line", let callArguments) = base.kind
    else {
      Issue.record("unexpected shape \(result.syntax.statements[16])")
      return
    }
    #expect(arguments[0].range == span(20, 8, 20, 41))
    #expect(lhs.range == span(20, 8, 20, 32))
    #expect(base.range == span(20, 8, 20, 26))
    #expect(callArguments.map(sexp) == ["buf", "0"])
    #expect(rhs == Expression(kind: .identifier("dirty"), range: span(20, 36, 20, 41)))
  }

  @Test func continuationAndFlags() {
    guard case .call("desc", _, let arguments, _) = result.syntax.statements[10].kind,
      arguments.count == 5,
      case .binary(.bitwiseOr, let lhs, let rhs) = arguments[4].value.kind
    else {
      Issue.record("unexpected shape \(result.syntax.statements[10])")
      return
    }
    #expect(lhs.kind == .identifier("DMA_PREP_INTERRUPT"))
    #expect(rhs.kind == .identifier("DMA_CTRL_ACK"))
    #expect(arguments[4].range == span(14, 36, 14, 69))
  }

  @Test func literalsAreDecoded() {
    guard case .call(nil, "cpu_write", let first, _) = result.syntax.statements[7].kind,
      case .call(nil, "cpu_write", let second, _) = result.syntax.statements[8].kind,
      case .call("bytes", let bytes) = second[2].value.kind
    else {
      Issue.record("unexpected cpu_write shapes")
      return
    }
    #expect(first[2].value.kind == .string("Hello from the CPU!\n"))
    #expect(first[3].label == "repeat")
    #expect(second[1].value.kind == .integer(0x40))
    #expect(
      bytes.map(\.value.kind) == [.integer(0xde), .integer(0xad), .integer(0xbe), .integer(0xef)])
  }

  @Test func parsingIsDeterministic() {
    #expect(parseScenario(exampleScenario) == result)
  }
}
