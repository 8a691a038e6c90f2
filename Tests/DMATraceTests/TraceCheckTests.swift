import DMATrace
import Testing

@Suite struct TraceCheckTests {
  @Test(arguments: ["boot-blk-smmu", "swiotlb-force", "rng-excerpt"])
  func cleanRealTracesHaveNoFindings(_ name: String) {
    let analysis = TraceFixtures.analysis(name)
    #expect(!analysis.events.isEmpty)
    #expect(analysis.findings.map { $0.rendered(fileName: name) } == [])
  }

  /// Each hand-edited variant of rng-excerpt.trace (Tests/trace/fixtures/README.md says what
  /// was edited) fires its one check, on its line, in kernel/dma/debug.c's words.
  @Test(arguments: [
    (
      "misuse-double-unmap",
      "misuse-double-unmap:26: 0000:00:03.0: DMA-API: device driver tries to free DMA memory it "
        + "has not allocated [device address=0x00000000ffffc110] [size=64 bytes] "
        + "[free-not-allocated]"
    ),
    (
      "misuse-unmap-size",
      "misuse-unmap-size:29: 0000:00:03.0: DMA-API: device driver frees DMA memory with different "
        + "size [device address=0x00000000ffffb110] [map size=64 bytes] [unmap size=128 bytes] "
        + "(see line 27) [free-different-size]"
    ),
    (
      "misuse-unmap-direction",
      "misuse-unmap-direction:33: 0000:00:03.0: DMA-API: device driver frees DMA memory with "
        + "different direction [device address=0x00000000ffffa110] [size=64 bytes] [mapped with "
        + "DMA_FROM_DEVICE] [unmapped with DMA_TO_DEVICE] (see line 31) [free-different-direction]"
    ),
    (
      "misuse-wrong-function",
      "misuse-wrong-function:38: 0000:00:03.0: DMA-API: device driver frees DMA memory with wrong "
        + "function [device address=0x00000000ffffe000] [size=262 bytes] [mapped as coherent] "
        + "[unmapped as single] (see line 17) [free-wrong-function]"
    ),
    (
      "misuse-leak",
      "misuse-leak:38: 0000:00:03.0: DMA-API: device driver has pending DMA allocations while "
        + "released from device [count=1] One of leaked entries details: [device address="
        + "0x00000000ffff9110] [size=64 bytes] [mapped with DMA_FROM_DEVICE] [mapped as single] "
        + "(see line 35) [pending-at-release]"
    ),
    (
      "misuse-sync-direction",
      "misuse-sync-direction:24: 0000:00:03.0: DMA-API: device driver syncs DMA memory with "
        + "different direction [device address=0x00000000ffffc110] [size=64 bytes] [mapped with "
        + "DMA_FROM_DEVICE] [synced with DMA_TO_DEVICE] (see line 23) [sync-different-direction]"
    ),
    (
      "misuse-sync-unmapped",
      "misuse-sync-unmapped:26: 0000:00:03.0: DMA-API: device driver tries to sync DMA memory it "
        + "has not allocated [device address=0x00000000ffffc110] [size=64 bytes] "
        + "[sync-not-allocated]"
    ),
    (
      "misuse-map-error",
      "misuse-map-error:27: 0000:00:03.0: DMA-API: dma_map_page failed: dma_addr=DMA_MAPPING_ERROR "
        + "[size=64 bytes] [phys_addr=0x46426110] [DMA_FROM_DEVICE] [map-error]"
    ),
    (
      "misuse-sg-count",
      "misuse-sg-count:23: 0000:00:03.0: DMA-API: device driver frees DMA sg list with different "
        + "entry count [map count=3] [unmap count=1] (see line 20) [free-different-entry-count]"
    ),
  ])
  func eachMisuseFiresItsCheck(_ name: String, _ expected: String) {
    let analysis = TraceFixtures.analysis(name)
    #expect(analysis.findings.map { $0.rendered(fileName: name) } == [expected])
  }

  @Test func jsonReplaysEachEventDeterministically() {
    let analysis = TraceFixtures.analysis("misuse-unmap-size")
    var state = TraceState()
    var lines: [String] = []
    for (index, event) in analysis.events.enumerated() {
      state.apply(event, index: index)
      lines.append(
        TraceJSON.object(event, index: index, findings: analysis.findings(at: index), state: state))
    }
    #expect(lines.count == analysis.events.count)
    #expect(
      lines[16]
        == "{\"step\":17,\"line\":29,\"time\":\"5.974395\",\"task\":\"<idle>\",\"pid\":0,"
        + "\"cpu\":0,\"event\":\"dma_unmap_page\",\"device\":\"0000:00:03.0\","
        + "\"dir\":\"FROM_DEVICE\",\"dma_addr\":\"0xffffb110\",\"size\":128,\"attrs\":[],"
        + "\"live\":1,\"findings\":[{\"check\":\"free-different-size\",\"message\":\"device "
        + "driver frees DMA memory with different size [device address=0x00000000ffffb110] [map "
        + "size=64 bytes] [unmap size=128 bytes]\",\"lines\":[29,27]}]}")
  }
}
