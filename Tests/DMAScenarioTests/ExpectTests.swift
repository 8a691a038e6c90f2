import DMAScenario
import DMASim
import Testing

/// `expect`: checked by the compiler (names, arity, types) and evaluated by the machine at its
/// point of the program, without a step, KUnit style (a failure is recorded and the run goes on).
@Suite struct ExpectTests {
  static let transfer = """
    board minimal
    chan = dma_request_chan(spi0, "tx")
    dmaengine_slave_config(chan, dst_addr_width=4, dst_maxburst=4)
    buf = kmalloc(128, GFP_KERNEL)
    expect buf != NULL
    cpu_write(buf, 0, "Hello, DMA world", repeat=8)
    expect cpu_view(buf, 0, 5) == "Hello"
    expect ram(buf, 0, 4) == [0, 0, 0, 0]
    expect line_state(buf) == dirty
    expect dirty_lines(buf, 128) == 2
    handle = dma_map_single(spi0, buf, 128, DMA_TO_DEVICE)
    expect line_state(buf, 64) == clean
    expect ram(buf, 0, 5) == "Hello"
    expect handle != DMA_MAPPING_ERROR
    ret = dma_mapping_error(spi0, handle)
    expect ret == 0
    desc = dmaengine_prep_slave_single(chan, handle, 128, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
    expect desc_allocated(chan) == [desc]
    cookie = dmaengine_submit(desc)
    expect cookie == 2
    expect desc_submitted(chan) == [cookie]
    expect tx_status(chan, cookie) == DMA_IN_PROGRESS
    dma_async_issue_pending(chan)
    wait_for_completion(cookie)
    expect tx_status(chan, cookie) == DMA_COMPLETE
    expect count(desc_issued(chan)) == 0
    expect wire(spi0, 0, 5) == "Hello"
    expect count(wire(spi0)) <= 128
    expect device_view(spi0, buf, 0, 5) == "Hello"
    dma_unmap_single(spi0, handle, 128, DMA_TO_DEVICE)
    expect mappings() == 0
    expect dma_debug_errors() == 0
    kfree(buf)
    """

  func run(_ source: String) throws -> Machine {
    try ScenarioRunSupport.run(source, fileName: "t.dms", limit: 100_000)
  }

  func errors(_ source: String) -> [String] {
    ScenarioCompiler.compile(source, fileName: "t.dms").diagnostics.map(\.rendered)
  }

  @Test func everyKindOfExpectationHoldsOnACorrectTransfer() throws {
    let machine = try run(Self.transfer)
    #expect(machine.expectationResults.count == 20)
    for result in machine.expectationResults where !result.passed {
      Issue.record("line \(result.line): \(result.explanation)")
    }
  }

  @Test func expectationsCostNoStep() throws {
    let without = Self.transfer.split(separator: "\n").filter { !$0.hasPrefix("expect") }
      .joined(separator: "\n")
    let plain = try run(without)
    let checked = try run(Self.transfer)
    #expect(plain.stepCount == checked.stepCount)
    #expect(plain.peripherals == checked.peripherals)
    #expect(plain.memory.cache == checked.memory.cache)
  }

  @Test func aFailureSaysWhatWasSeenAndTheRunGoesOn() throws {
    let source = """
      board minimal
      buf = kmalloc(64, GFP_KERNEL)
      cpu_write(buf, 0, "abcd")
      expect ram(buf, 0, 4) == "abcd"
      expect line_state(buf) == clean
      kfree(buf)
      expect mappings() == 0
      """
    let machine = try run(source)
    let results = machine.expectationResults
    #expect(results.map(\.passed) == [false, false, true])
    #expect(results[0].line == 4)
    #expect(results[0].actual == "\"\\x00\\x00\\x00\\x00\"")
    #expect(results[0].expected == "\"abcd\"")
    #expect(results[1].actual == "dirty")
    #expect(machine.cpu.finished)
    let failure = machine.log.entries.first { $0.function == "expect" && $0.source == .debug }
    #expect(
      failure?.message
        == "expectation failed: ram(buf, 0, 4) == \"abcd\": ram(buf, 0, 4) is "
        + "\"\\x00\\x00\\x00\\x00\", expected == \"abcd\"")
  }

  @Test func errorCodesAndCMACounts() throws {
    let source = """
      board soc8g
      expect cma_used() == 0
      page = cma_alloc(16, 0)
      expect page != NULL
      expect cma_used() == 16
      expect cma_free() > 0
      chan = dma_request_chan(uart0, "rx")
      buf = kmalloc(64, GFP_KERNEL)
      handle = dma_map_single(uart0, buf, 64, DMA_FROM_DEVICE)
      ret = dma_mapping_error(uart0, handle)
      expect ret != -ENOMEM
      expect ret == 0
      """
    let machine = try run(source)
    #expect(machine.expectationResults.count == 6)
    #expect(machine.expectationResults.allSatisfy { $0.passed })
  }

  @Test func namesArityAndTypesAreCheckedWithHints() {
    let report = errors(
      """
      board minimal
      chan = dma_request_chan(spi0, "tx")
      buf = kmalloc(128, GFP_KERNEL)
      expect line_stat(buf) == dirty
      expect line_state(buf) == 3
      expect cpu_read(buf, 0, 4) == "Hell"
      expect buf == -EOI
      expect chan == NULL
      expect line_state(buf) < dirty
      expect buf
      expect cma_used() == 0
      expect cpu_view(buf, 0) == "a"
      expect buf == EIO
      """)
    // `expect chan == NULL` (line 8) is a pointer comparison since `expect` compares kernel
    // objects with NULL and ERR_PTR errnos (ExpectValueTests).
    #expect(report.count == 9)
    #expect(
      report.first
        == """
        t.dms:4:8: error: unknown function `line_stat` in `expect`
            4 | expect line_stat(buf) == dirty
              |        ^~~~~~~~~~~~~~
        hint: did you mean `line_state`?
        """)
    let firstLines = report.map { String($0.split(separator: "\n")[0]) }
    #expect(
      firstLines == [
        "t.dms:4:8: error: unknown function `line_stat` in `expect`",
        "t.dms:5:27: error: cannot compare a cache-line state with an integer",
        "t.dms:6:8: error: `cpu_read` is a statement, not something `expect` can read",
        "t.dms:7:16: error: unknown error code `EOI`",
        "t.dms:9:8: error: `<` orders integers or addresses, but this compares a cache-line state",
        "t.dms:10:8: error: `expect` needs a comparison such as `==` or `!=`",
        "t.dms:11:8: error: board `minimal` has no CMA area",
        "t.dms:12:8: error: `cpu_view` takes (ptr, offset, len), got 2 arguments",
        "t.dms:13:15: error: kernel error codes are negative",
      ])
  }

  @Test(arguments: LessonLibrary.all.map(\.name))
  func everyLessonsExpectationsHold(_ name: String) throws {
    let lesson = try #require(LessonLibrary.lesson(named: name))
    let machine = try run(lesson.source)
    for result in machine.expectationResults where !result.passed {
      Issue.record("\(name).dms:\(result.line): \(result.explanation)")
    }
  }
}
