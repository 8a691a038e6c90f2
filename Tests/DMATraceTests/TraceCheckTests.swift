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
      "misuse-map-error:27: 0000:00:03.0: dma_map_page failed: dma_addr=DMA_MAPPING_ERROR "
        + "[size=64 bytes] [phys_addr=0x46426110] [DMA_FROM_DEVICE] [map-error]"
    ),
    (
      "misuse-sg-count",
      "misuse-sg-count:23: 0000:00:03.0: DMA-API: device driver frees DMA sg list with different "
        + "entry count [map count=3] [unmap count=1] (see line 20) [free-different-entry-count]"
    ),
    (
      "misuse-sync-outside",
      "misuse-sync-outside:24: 0000:00:03.0: DMA-API: device driver syncs DMA memory outside "
        + "allocated range [device address=0x00000000ffffc110] [allocation size=64 bytes] "
        + "[sync offset+size=128] (see line 23) [sync-outside-range]"
    ),
    (
      "misuse-sync-sg-count",
      "misuse-sync-sg-count:21: 0000:00:03.0: DMA-API: device driver syncs DMA sg list with "
        + "different entry count [map count=3] [sync count=1] (see line 20) "
        + "[sync-different-entry-count]"
    ),
    (
      "misuse-unmap-invalid",
      "misuse-unmap-invalid:26: 0000:00:03.0: DMA-API: device driver tries to free an invalid DMA "
        + "memory address [free-invalid-address]"
    ),
    (
      "misuse-io-page-fault",
      "misuse-io-page-fault:26: 0000:00:03.0: IOMMU fault at iova 0x00000000ffffc110 flags=0x1 "
        + "(driver virtio-pci): no live mapping of 0000:00:03.0 holds it [io-page-fault]"
    ),
    (
      "misuse-alloc-failed",
      "misuse-alloc-failed:16: 0000:00:03.0: dma_alloc failed: no memory returned "
        + "(virt_addr=NULL) [size=262 bytes] [flags=GFP_KERNEL|__GFP_ZERO] [map-error]"
    ),
    (
      "misuse-cma-failed",
      "misuse-cma-failed:15: cma_alloc of 65536 pages from area reserved failed: errorno=-12 "
        + "[map-error]"
    ),
  ])
  func eachMisuseFiresItsCheck(_ name: String, _ expected: String) {
    let analysis = TraceFixtures.analysis(name)
    #expect(analysis.findings.map { $0.rendered(fileName: name) } == [expected])
  }

  /// kernel/dma/debug.c check_sync reports a read-only (for_cpu) or write-only (for_device)
  /// sync only with a direction that also differs from the map's: both fire.
  @Test(arguments: [
    ("misuse-sync-read-only", 24, ["sync-different-direction", "sync-read-only-for-cpu"]),
    ("misuse-sync-write-only", 25, ["sync-different-direction", "sync-write-only-to-device"]),
  ])
  func readOnlyAndWriteOnlySyncs(_ name: String, _ line: Int, _ checks: [String]) {
    let analysis = TraceFixtures.analysis(name)
    #expect(analysis.findings.map(\.check.rawValue) == checks)
    #expect(analysis.findings.map { $0.lines } == [[line, 23], [line, 23]])
  }

  /// Every check has a fixture that fires it.
  @Test func everyCheckHasAFixture() {
    let names = [
      "double-unmap", "unmap-size", "unmap-direction", "wrong-function", "leak",
      "sync-direction", "sync-unmapped", "map-error", "sg-count", "sync-outside", "sync-sg-count",
      "unmap-invalid", "io-page-fault", "alloc-failed", "cma-failed", "sync-read-only",
      "sync-write-only",
    ]
    var fired = Set<TraceFinding.Check>()
    for name in names {
      for finding in TraceFixtures.analysis("misuse-\(name)").findings {
        fired.insert(finding.check)
      }
    }
    #expect(Set(TraceFinding.Check.allCases).subtracting(fired) == [])
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
