import DMATrace
import Testing

@Suite struct TraceReaderTests {
  @Test func readsTheRealBootTraceWhole() {
    let reader = TraceFixtures.reader("boot-blk-smmu")
    #expect(reader.errorCount == 0)
    #expect(reader.cpuCount == 4)
    #expect(reader.headerLines == 12)
    var byName: [String: Int] = [:]
    for event in reader.events { byName[event.name, default: 0] += 1 }
    // `grep -c` of each event name in the file.
    #expect(
      byName == [
        "add_device_to_group": 3, "attach_device_to_domain": 3, "cma_alloc_finish": 6,
        "cma_alloc_start": 6, "dma_alloc": 76, "dma_free": 2, "dma_map_page": 232,
        "dma_unmap_page": 72, "map": 308, "remove_device_from_group": 1, "unmap": 73,
      ])
    #expect(reader.events.first?.line == 13)
  }

  @Test func skipsOtherEventsByNameAndReportsBadLines() {
    let text = """
      # tracer: nop
        sh-1 [000] ..... 1.000000: sched_switch: prev_comm=sh
        sh-1 [000] ..... 1.000001: sched_switch: prev_comm=sh
        sh-1 [000] ..... 1.000002: dma_unmap_page: 0000:00:01.0 dir=UP dma_addr=1 size=1 attrs=
      CPU:1 [LOST 5 EVENTS]
        sh-1 [000] ..... 1.000003: dma_unmap_page: 0000:00:01.0 dir=TO_DEVICE dma_addr=1 size=1 attrs=
      """
    let reader = TraceReader.read(text, fileName: "t.trace")
    #expect(reader.skippedSummary == ["sched_switch: 2 lines"])
    #expect(reader.lost == [1: 5])
    #expect(reader.events.count == 1)
    #expect(reader.errorCount == 1)
    #expect(
      reader.diagnostics.first?.description == """
        t.trace:4:59: error: dma_unmap_page: dir=UP is not BIDIRECTIONAL, TO_DEVICE, FROM_DEVICE or NONE
            4 |   sh-1 [000] ..... 1.000002: dma_unmap_page: 0000:00:01.0 dir=UP dma_addr=1 size=1 attrs=
              |                                                           ^
        hint: the fields do not match the kernel's format for dma_unmap_page (include/trace/events/: \
        dma.h, cma.h, swiotlb.h, iommu.h); re-record the trace, or report the kernel version if it \
        is newer than 6.17
        """)
  }
}
