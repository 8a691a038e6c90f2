import DMATrace
import Testing

@Suite struct TraceStateTests {
  @Test func iovaCountsDownFromTheTopBehindTheSMMU() {
    let analysis = TraceFixtures.analysis("boot-blk-smmu")
    let state = analysis.state(after: 400)
    let live = state.liveMappings(of: "0000:00:01.0")
    let serial = live.filter { $0.kind == .single }
    // virtio-serial's rings (coherent) first, then its receive buffers (one page each): IOVAs
    // handed out downwards from just under 4 GiB, the MSI doorbell page at the very top.
    #expect(serial.map(\.size).allSatisfy { $0 == 4096 })
    #expect(live.map(\.dmaAddress).max() == 0xffff_e000)
    #expect(serial.map(\.dmaAddress).max() == 0xfffb_e000)
    // Until the first unmap every new IOVA is below the last; after it, a freed IOVA comes
    // back (the IOVA rcache: line 235 maps 0xfffbe000 again, freed at line 230).
    let byTime = live.sorted { $0.eventIndex < $1.eventIndex }
    let firstReuse = byTime.firstIndex { $0.line == 235 } ?? byTime.count
    let fresh = byTime.prefix(firstReuse).map { $0.dmaAddress & ~0xfff }
    #expect(fresh.count == 95)  // 97 made before line 235, 2 of them unmapped by then
    #expect(zip(fresh, fresh.dropFirst()).allSatisfy { $0 > $1 })
    #expect(byTime[firstReuse].dmaAddress == 0xfffb_e000)
    // Each mapping's physical address is the phys_addr the trace printed.
    #expect(state.mappings["0000:00:01.0"]?[0xfff4_7000]?.physical == 0x4646_e000)
    // Every streaming map claimed the iommu `map` before it: same IOVA, same page.
    #expect(state.iova["0000:00:01.0"]?[0xfff4_7000]?.physical == 0x4646_e000)
    // The first iommu map (the MSI doorbell page, 0x08020000) has no DMA-API event.
    #expect(state.unclaimedIOVA.keys.sorted() == [0xffff_f000])
  }

  @Test func cmaServesTheSMMUQueues() {
    let final = TraceFixtures.analysis("boot-blk-smmu").final
    let served = final.cma.values.sorted { $0.pfn < $1.pfn }.map {
      "\($0.pfn):\($0.count):\($0.servedDevice ?? "-")"
    }
    // Three 128 KiB atomic pools at boot (no dma_alloc after them), then the SMMU's queues.
    #expect(
      served == [
        "502784:32:-", "502816:32:-", "502848:32:-", "502880:4:9050000.smmuv3",
        "503040:256:9050000.smmuv3", "503296:256:9050000.smmuv3",
      ])
  }

  @Test func steppingBackGivesTheStateSteppingForwardGave() {
    let analysis = TraceFixtures.analysis("boot-blk-smmu")
    var debugger = TraceDebugger(analysis: analysis)
    var forward: [Int: [TraceLiveMapping]] = [:]
    for step in 1...analysis.events.count {
      debugger.stepForward()
      if step % 37 == 0 { forward[step] = debugger.state.allLiveMappings }
    }
    for (step, mappings) in forward.sorted(by: { $0.key > $1.key }) {
      debugger.goto(step)
      #expect(debugger.state.allLiveMappings == mappings, "step \(step)")
    }
    debugger.goto(500)
    debugger.stepBack()
    #expect(debugger.step == 499)
    #expect(debugger.state.allLiveMappings == analysis.state(after: 499).allLiveMappings)
  }

  @Test func breakpointsFindAndContinue() throws {
    let analysis = TraceFixtures.analysis("boot-blk-smmu")
    var debugger = TraceDebugger(analysis: analysis)
    debugger.breakpoints = [try TraceBreakpoint.parse("dma_unmap_page if dev == 0000:00:03.0")]
    let hit = debugger.continueForward()
    #expect(hit != nil)
    #expect(debugger.currentIndex.map { analysis.events[$0].line } == 542)
    debugger.continueForward()
    #expect(debugger.currentIndex.map { analysis.events[$0].line } == 546)
    debugger.continueBack()
    #expect(debugger.currentIndex.map { analysis.events[$0].line } == 542)
    // `/` an address finds the events whose ranges hold it, wrapping.
    // (line 543: hwrng's iommu map of the page 0x46426000 that holds it).
    let found = debugger.find("0x46426110")
    #expect(found.map { analysis.events[$0].line } == 543)
    #expect(debugger.find("hwrng").map { analysis.events[$0].task } == "hwrng")
    #expect(throws: TraceBreakpoint.Problem.self) { try TraceBreakpoint.parse("dma_mop") }
    #expect(throws: TraceBreakpoint.Problem.self) {
      try TraceBreakpoint.parse("dma_map_page if colour == red")
    }
  }

  @Test func swiotlbBouncesMarkTheirMappings() {
    let final = TraceFixtures.analysis("swiotlb-force").final
    let serial = final.liveMappings(of: "0000:00:01.0").filter { $0.kind == .single }
    #expect(!serial.isEmpty)
    #expect(serial.allSatisfy { $0.bouncedFrom != nil })
    #expect(final.iova.isEmpty)
  }
}
