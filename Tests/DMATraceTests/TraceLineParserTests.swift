import DMATrace
import Testing

@Suite struct TraceLineParserTests {
  func record(_ line: String) throws(TraceLineParser.Problem) -> TraceRecord {
    guard case .record(let record) = try TraceLineParser.parse(Array(line.utf8)[...]) else {
      Issue.record("not an event line: \(line)")
      throw TraceLineParser.Problem(column: 0, message: "", hint: "")
    }
    return record
  }

  @Test func readsTheTraceFilesContext() throws {
    // A line of Tests/trace/fixtures/boot-blk-smmu.trace (6.12.118, irq-info on).
    let r = try record(
      "   kworker/u16:2-39      [000] d....     4.881461: dma_map_page: 0000:00:01.0 "
        + "dir=FROM_DEVICE dma_addr=fffbe000 size=4096 phys_addr=45125000 attrs=")
    #expect(r.task == "kworker/u16:2")
    #expect(r.pid == 39)
    #expect(r.cpu == 0)
    #expect(r.flags == "d....")
    #expect(r.nanoseconds == 4_881_461_000)
    #expect(r.event == "dma_map_page")
    #expect(r.body.hasPrefix("0000:00:01.0 dir=FROM_DEVICE"))
    #expect(r.bodyColumn == 66)
  }

  @Test func readsTraceCmdReportAndTgidVariants() throws {
    // trace-cmd report: no flags, the event name padded.
    let report = try record(
      "          <idle>-0     [000]     4.961918: dma_unmap_page:       0000:00:03.0 "
        + "dir=FROM_DEVICE dma_addr=ffffd110 size=64 attrs=")
    #expect(report.task == "<idle>")
    #expect(report.flags == "")
    #expect(report.event == "dma_unmap_page")
    #expect(report.body.hasPrefix("0000:00:03.0"))
    // record-tgid, a comm with a space and a dash, nanosecond timestamps.
    let tgid = try record(
      "  Web Content-x-1234  (   1200) [003] ..... 12.000000001: cma_release: name=reserved "
        + "pfn=0x7ac00 page=0000000000000000 count=1")
    #expect(tgid.task == "Web Content-x")
    #expect(tgid.pid == 1234)
    #expect(tgid.cpu == 3)
    #expect(tgid.nanoseconds == 12_000_000_001)
  }

  @Test func headersAndLostEvents() throws {
    #expect(try TraceLineParser.parse(Array("# tracer: nop".utf8)[...]) == .header)
    #expect(try TraceLineParser.parse(Array("cpus=4".utf8)[...]) == .header)
    #expect(try TraceLineParser.parse([][...]) == .header)
    #expect(
      try TraceLineParser.parse(Array("CPU:2 [LOST 17 EVENTS]".utf8)[...])
        == .lost(cpu: 2, count: 17))
  }

  @Test func problemsPointAtTheColumn() {
    #expect(throws: TraceLineParser.Problem.self) {
      try TraceLineParser.parse(Array("garbage without a cpu".utf8)[...])
    }
    do {
      _ = try TraceLineParser.parse(Array("init-1 [000] ..... notatime: dma_alloc: x".utf8)[...])
      Issue.record("a bad timestamp was read")
    } catch {
      #expect(error.column == 20)
      #expect(error.message.contains("timestamp"))
    }
  }
}
