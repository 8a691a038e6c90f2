import DMAScenario
import Testing

@testable import DMASim

/// Interleaved transfers, DMA_PREP_INTERRUPT and DMA_PREP_FENCE, hardware LLIs against
/// software scatter-gather, residue granularity, the MMC block device and the NIC rings, on
/// the soc board.
@Suite struct EngineHardwareTests {
  func machine(_ source: String, board: Board = .soc) throws -> Machine {
    let result = ScenarioCompiler.compile("board soc\n" + source, fileName: "t.dms")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    return Machine(board: board, program: scenario.program)
  }

  /// Runs to the end, keeping every log entry (the machine's own log keeps only the newest).
  func run(_ source: String, board: Board = .soc) throws -> (Machine, [LogEntry]) {
    var machine = try machine(source, board: board)
    var entries: [LogEntry] = []
    while machine.step() { entries += machine.entriesOfLastStep }
    return (machine, entries)
  }

  func bytes(_ machine: Machine, _ name: String) -> [UInt8] {
    if case .bytes(let bytes) = machine.cpu.variables[name] { return bytes }
    return []
  }

  func messages(_ entries: [LogEntry], _ function: String) -> [String] {
    entries.filter { $0.function == function }.map(\.message)
  }

  /// A source pattern of 256 distinct bytes, mapped for dma1, and a zeroed destination.
  static let memcpyPrelude = """
    m = dma_request_chan_by_mask(DMA_INTERLEAVE)
    src = kmalloc(256, GFP_KERNEL)
    cpu_write(src, 0, [\((0..<256).map { String($0) }.joined(separator: ", "))])
    mid = kzalloc(256, GFP_KERNEL)
    dst = kzalloc(256, GFP_KERNEL)
    hs = dma_map_single(dma1, src, 256, DMA_TO_DEVICE)
    hm = dma_map_single(dma1, mid, 256, DMA_BIDIRECTIONAL)
    hd = dma_map_single(dma1, dst, 256, DMA_FROM_DEVICE)
    """

  @Test func interleavedFramesSkipTheGapsOnEachSide() throws {
    let (machine, _) = try run(
      Self.memcpyPrelude
        + """

        xt = dma_interleaved_template(src_start=hs, dst_start=hd, dir=DMA_MEM_TO_MEM, src_inc=true, dst_inc=true, src_sgl=true, dst_sgl=false, numf=3, frame_size=2)
        data_chunk(xt, 0, size=4, icg=12)
        data_chunk(xt, 1, size=8, icg=8, dst_icg=2)
        d = dmaengine_prep_interleaved_dma(m, xt, DMA_PREP_INTERRUPT)
        c = dmaengine_submit(d)
        dma_async_issue_pending(m)
        wait_for_completion(c)
        dma_unmap_single(dma1, hd, 256, DMA_FROM_DEVICE)
        r = cpu_read(dst, 0, 64)
        """)
    // Source gaps: chunk 0 uses icg (src_sgl), chunk 1 its own... src_icg is 0, so icg 8.
    // Destination: chunk 0 has no gap (dst_sgl false, no dst_icg), chunk 1 skips dst_icg 2.
    var expected = [UInt8](repeating: 0, count: 64)
    var source = 0
    var destination = 0
    for _ in 0..<3 {
      for (size, srcGap, dstGap) in [(4, 12, 0), (8, 8, 2)] {
        for offset in 0..<size { expected[destination + offset] = UInt8(source + offset) }
        source += size + srcGap
        destination += size + dstGap
      }
    }
    #expect(bytes(machine, "r") == expected)
    #expect(machine.cpu.completions == [2])
    // One LLI per chunk: 3 frames × 2 chunks.
    #expect(machine.engine.controllers[1].physicalChannels.map(\.lliFetches).reduce(0, +) == 6)
  }

  @Test func interleavedNeedsDMAInterleaveInTheCapMask() throws {
    let (machine, log) = try run(
      """
      m = dma_request_chan_by_mask(DMA_MEMCPY)
      a = kmalloc(64, GFP_KERNEL)
      ha = dma_map_single(dma0, a, 64, DMA_TO_DEVICE)
      xt = dma_interleaved_template(src_start=ha, dst_start=ha, numf=2, frame_size=1)
      data_chunk(xt, 0, size=8, icg=0)
      d = dmaengine_prep_interleaved_dma(m, xt, DMA_PREP_INTERRUPT)
      """)
    #expect(machine.cpu.variables["d"] == .error(.null))
    let line = try #require(messages(log, "dmaengine_prep_interleaved_dma").last)
    #expect(line.contains("dma0 has no DMA_INTERLEAVE in its cap_mask"))
    #expect(line.hasSuffix("= NULL"))
  }

  @Test func interleavedTemplateErrorsPointAtTheSource() {
    let result = ScenarioCompiler.compile(
      """
      board soc
      m = dma_request_chan_by_mask(DMA_INTERLEAVE)
      xt = dma_interleaved_template(numf=2, frame_size=1, src_inc=maybe)
      """, fileName: "x.dms")
    #expect(result.diagnostics.map(\.message) == ["`src_inc` must be true or false"])
    let holes = ScenarioCompiler.compile(
      """
      board soc
      xt = dma_interleaved_template(numf=2, frame_size=1)
      data_chunk(xt, 3, size=8)
      """, fileName: "x.dms")
    #expect(holes.diagnostics.first?.message == "sgl[3] leaves a hole: `xt` has 0 chunk(s)")
  }

  /// A copies src → mid, B copies mid → dst; A's writes are posted (they land 24 ticks later).
  func chained(_ flagsOfA: String) throws -> (Machine, [LogEntry]) {
    try run(
      Self.memcpyPrelude
        + """

        a = dmaengine_prep_dma_memcpy(m, hm, hs, 64, \(flagsOfA))
        b = dmaengine_prep_dma_memcpy(m, hd, hm, 64, DMA_PREP_INTERRUPT)
        ca = dmaengine_submit(a)
        cb = dmaengine_submit(b)
        dma_async_issue_pending(m)
        wait_for_completion(cb)
        dma_unmap_single(dma1, hd, 256, DMA_FROM_DEVICE)
        r = cpu_read(dst, 0, 64)
        """)
  }

  @Test func fenceMakesTheNextDescriptorWaitForTheWrites() throws {
    let expected = (0..<64).map { UInt8($0) }
    let (unfenced, unfencedLog) = try chained("0")
    // Without the fence the channel follows the link at once and B reads mid before A's
    // posted writes reached it.
    #expect(bytes(unfenced, "r") != expected)
    #expect(bytes(unfenced, "r").prefix(8) == [0, 0, 0, 0, 0, 0, 0, 0])
    #expect(messages(unfencedLog, "link").first?.contains("still on their way") == true)
    let (fenced, fencedLog) = try chained("DMA_PREP_FENCE")
    #expect(bytes(fenced, "r") == expected)
    #expect(messages(fencedLog, "fence").count == 1)
    #expect(messages(fencedLog, "link").first?.contains("DMA_PREP_FENCE") == true)
    // A had no DMA_PREP_INTERRUPT: no interrupt of its own and no callback, yet it completed.
    #expect(fenced.cpu.completions == [3])
    #expect(fenced.engine.controllers[1].physicalChannels[0].interrupts == 1)
    #expect(fenced.engine.controllers[1].virtualChannels[2].completedCookie == 3)
  }

  @Test func withoutPrepInterruptThereIsNoCallback() throws {
    let (machine, log) = try run(
      """
      spi = dma_request_chan(spi0, "tx")
      dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
      buf = kmalloc(64, GFP_KERNEL)
      h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
      d = dmaengine_prep_slave_single(spi, h, 32, DMA_MEM_TO_DEV, 0)
      c = dmaengine_submit(d)
      dma_async_issue_pending(spi)
      run 200 ticks
      s = dmaengine_tx_status(spi, c)
      wait_for_completion(c)
      """)
    // The driver still takes the completion interrupt (it needs it to complete the cookie),
    // but no callback runs: waiting for one hangs.
    #expect(machine.cpu.variables["s"] == .status(.complete))
    #expect(machine.cpu.completions.isEmpty)
    #expect(
      log.contains { $0.source == .debug && $0.message.contains("can never return") })
  }

  @Test func lliSitInMemoryAndTheChannelFetchesThem() throws {
    var machine = try machine(
      """
      tx = dma_request_chan(mmc0, "tx")
      dmaengine_slave_config(tx, dst_addr_width=4, dst_maxburst=8)
      a = kmalloc(512, GFP_KERNEL)
      b = kmalloc(512, GFP_KERNEL)
      sg = sg_init_table(2)
      sg_set_buf(sg, 0, a, 512)
      sg_set_buf(sg, 1, b, 512)
      n = dma_map_sg(mmc0, sg, 2, DMA_TO_DEVICE)
      d = dmaengine_prep_slave_sg(tx, sg, n, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(tx)
      mmc_send_cmd(mmc0, MMC_WRITE_MULTIPLE_BLOCK, 0, 2)
      wait_for_completion(c)
      """)
    var items: [DMAAddr] = []
    var log: [LogEntry] = []
    while machine.step() {
      log += machine.entriesOfLastStep
      if items.isEmpty,
        let id = machine.engine.controllers[1].virtualChannels[0].allocated.first,
        let descriptor = machine.engine.controllers[1].virtualChannels[0].descriptors[id]
      {
        items = descriptor.lliAddresses
      }
    }
    #expect(items.count == 2)
    let a = try #require(machine.allocators.allocations.first { $0.size == 512 }).physical
    let b = try #require(machine.allocators.allocations.last { $0.size == 512 }).physical
    let words = items.map {
      LinkedListItem(bytes: machine.memory.ram.read(PhysAddr($0.rawValue), count: 16))
    }
    #expect(
      words == [
        LinkedListItem(
          source: UInt32(a.rawValue), destination: 0x0908_0080,
          next: UInt32(items[1].rawValue), control: 512 | LinkedListItem.sourceIncrement),
        LinkedListItem(
          source: UInt32(b.rawValue), destination: 0x0908_0080, next: 0,
          control: 512 | LinkedListItem.sourceIncrement | LinkedListItem.interruptEnable),
      ])
    // The pool page is the non-cacheable remap of coherent memory, so RAM holds the words.
    #expect(machine.engine.lliPools[1].pages.first?.memoryType == .normalNonCacheable)
    let fetches = messages(log, "lli fetch")
    #expect(fetches.count == 2)
    #expect(fetches[0].contains(words[0].text))
    // One interrupt for the whole list: the hardware walked it.
    #expect(machine.engine.controllers[1].physicalChannels[0].interrupts == 1)
    #expect(machine.cpu.completions == [2])
    // The descriptor's LLIs went back to the pool with it.
    #expect(machine.engine.lliPools[1].inUse == 0)
  }

  static let spiScatterGather = """
    spi = dma_request_chan(spi0, "tx")
    dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
    a = kmalloc(64, GFP_KERNEL)
    b = kmalloc(128, GFP_KERNEL)
    e = kmalloc(32, GFP_KERNEL)
    sg = sg_init_table(3)
    sg_set_buf(sg, 0, a, 64)
    sg_set_buf(sg, 1, b, 128)
    sg_set_buf(sg, 2, e, 32)
    n = dma_map_sg(spi0, sg, 3, DMA_TO_DEVICE)
    d = dmaengine_prep_slave_sg(spi, sg, n, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
    c = dmaengine_submit(d)
    dma_async_issue_pending(spi)
    """

  @Test func softwareScatterGatherTakesAnInterruptPerSegment() throws {
    let (machine, log) = try run(Self.spiScatterGather + "\nwait_for_completion(c)")
    let reprograms = log.filter {
      $0.function == "irq" && $0.message.contains("the driver programs segment")
    }
    #expect(reprograms.count == 2)
    #expect(reprograms.first?.message.contains("programs segment 2/3") == true)
    // Two segment interrupts and the completion interrupt; no LLI fetched.
    #expect(machine.engine.controllers[0].physicalChannels[0].interrupts == 3)
    #expect(machine.engine.controllers[0].physicalChannels[0].lliFetches == 0)
    #expect(machine.peripherals[2].outputCount == 224)
  }

  @Test func residueFollowsTheGranularityPartWay() throws {
    var machine = try machine(Self.spiScatterGather + "\nwait_for_completion(c)")
    var seen: Descriptor?
    while machine.step() {
      let vchan = machine.engine.controllers[0].virtualChannels[3]
      if let id = vchan.active, let descriptor = vchan.descriptors[id],
        descriptor.transferred >= 100, descriptor.transferred % 16 != 0
      {
        seen = descriptor
        break
      }
    }
    let descriptor = try #require(seen)
    #expect(machine.residueOf(descriptor, .descriptor) == 0)
    // Segment: the first 64-byte segment is done, the second is not, so 128 + 32 remain.
    #expect(machine.residueOf(descriptor, .segment) == 160)
    // Burst: what the progress register says after the last whole burst of 16 bytes.
    let burst = machine.residueOf(descriptor, .burst)
    #expect(burst == 224 - descriptor.settled)
    #expect(burst > descriptor.residue && burst - descriptor.residue < 16)
  }

  @Test func segmentResidueThroughTxStatusOnTheLLIController() throws {
    let (_, log) = try run(
      """
      rx = dma_request_chan(mmc0, "rx")
      dmaengine_slave_config(rx, src_addr_width=4, src_maxburst=8)
      a = kzalloc(512, GFP_KERNEL)
      b = kzalloc(512, GFP_KERNEL)
      sg = sg_init_table(2)
      sg_set_buf(sg, 0, a, 512)
      sg_set_buf(sg, 1, b, 512)
      n = dma_map_sg(mmc0, sg, 2, DMA_FROM_DEVICE)
      d = dmaengine_prep_slave_sg(rx, sg, n, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      q = dmaengine_tx_status(rx, c)
      dma_async_issue_pending(rx)
      mmc_send_cmd(mmc0, MMC_READ_MULTIPLE_BLOCK, 0, 2)
      run 200 ticks
      s = dmaengine_tx_status(rx, c)
      wait_for_completion(c)
      """)
    let lines = messages(log, "dmaengine_tx_status")
    #expect(lines.first?.hasSuffix("residue 1024)") == true)
    // Part-way through the second LLI: the first block is done, the second counts whole.
    #expect(lines.last?.contains("DMA_IN_PROGRESS") == true)
    #expect(lines.last?.hasSuffix("residue 512)") == true)
  }

  @Test func mmcWritesThenReadsBackTheSameBlocks() throws {
    let (machine, log) = try run(
      """
      tx = dma_request_chan(mmc0, "tx")
      dmaengine_slave_config(tx, dst_addr_width=4, dst_maxburst=8)
      rx = dma_request_chan(mmc0, "rx")
      dmaengine_slave_config(rx, src_addr_width=4, src_maxburst=8)
      out = kmalloc(1024, GFP_KERNEL)
      cpu_write(out, 0, "0123456789abcdef", repeat=64)
      back = kzalloc(1024, GFP_KERNEL)
      ho = dma_map_single(mmc0, out, 1024, DMA_TO_DEVICE)
      w = dmaengine_prep_slave_single(tx, ho, 1024, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cw = dmaengine_submit(w)
      dma_async_issue_pending(tx)
      mmc_send_cmd(mmc0, MMC_WRITE_MULTIPLE_BLOCK, 7, 2)
      wait_for_completion(cw)
      run 100 ticks
      dma_unmap_single(mmc0, ho, 1024, DMA_TO_DEVICE)
      hb = dma_map_single(mmc0, back, 1024, DMA_FROM_DEVICE)
      r = dmaengine_prep_slave_single(rx, hb, 1024, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      cr = dmaengine_submit(r)
      dma_async_issue_pending(rx)
      mmc_send_cmd(mmc0, MMC_READ_MULTIPLE_BLOCK, 7, 2)
      wait_for_completion(cr)
      dma_unmap_single(mmc0, hb, 1024, DMA_FROM_DEVICE)
      got = cpu_read(back, 0, 1024)
      other = cpu_read(back, 0, 4)
      """)
    let pattern = Array(Array("0123456789abcdef".utf8).map { $0 }.repeated(64))
    #expect(bytes(machine, "got") == pattern, "read back \(bytes(machine, "got").prefix(16))")
    let medium = try #require(machine.peripherals.first { $0.name == "mmc0" }?.medium)
    #expect(Array(medium.bytes[7 * 512..<9 * 512]) == pattern)
    // Neighbouring blocks keep their contents.
    #expect(Array(medium.bytes[6 * 512..<6 * 512 + 6]) == Array("blk 6 ".utf8))
    #expect(messages(log, "data end").count == 1)
  }

  @Test func mmcRejectsBlocksBeyondTheCard() throws {
    let (_, log) = try run("mmc_send_cmd(mmc0, MMC_READ_MULTIPLE_BLOCK, 63, 2)")
    #expect(messages(log, "mmc_send_cmd").first?.contains("= -EIO") == true)
  }

  /// A TX ring of four entries in coherent memory and one 64-byte frame per entry.
  static let ringPrelude = """
    ring = dma_alloc_coherent(eth0, 64, ring_dma, GFP_KERNEL)
    f0 = kmalloc(64, GFP_KERNEL)
    cpu_write(f0, 0, "frame zero: the first frame on this ring, long enough to take time")
    f1 = kmalloc(64, GFP_KERNEL)
    cpu_write(f1, 0, "frame one")
    h0 = dma_map_single(eth0, f0, 64, DMA_TO_DEVICE)
    h1 = dma_map_single(eth0, f1, 64, DMA_TO_DEVICE)
    writel(eth0, ETH_TX_RING_BASE, ring_dma)
    cpu_write_le32(ring, 0, h0)
    cpu_write_le32(ring, 4, 64)
    dma_wmb()
    cpu_write_le32(ring, 12, 0x80000000)
    writel(eth0, ETH_TX_DOORBELL, 1)
    """

  @Test func nicSendsWhatTheRingDescribesWhenOwnComesLast() throws {
    let (machine, _) = try run(
      Self.ringPrelude
        + """

        cpu_write_le32(ring, 16, h1)
        cpu_write_le32(ring, 20, 9)
        dma_wmb()
        cpu_write_le32(ring, 28, 0x80000000)
        writel(eth0, ETH_TX_DOORBELL, 1)
        run 100 ticks
        status = cpu_read(ring, 28, 4)
        """)
    let nic = try #require(machine.peripherals.first { $0.name == "eth0" }?.nic)
    #expect(nic.sent.count == 2)
    #expect(nic.sent.last == Array("frame one".utf8))
    #expect(bytes(machine, "status") == [9, 0, 0, 0])
    #expect(nic.interrupts == 2)
  }

  @Test func nicReadsAStaleDescriptorWhenOwnIsSetFirst() throws {
    let (machine, log) = try run(
      Self.ringPrelude
        + """

        cpu_write_le32(ring, 28, 0x80000000)
        wmb()
        cpu_write_le32(ring, 16, h1)
        cpu_write_le32(ring, 20, 9)
        run 100 ticks
        """)
    let nic = try #require(machine.peripherals.first { $0.name == "eth0" }?.nic)
    // The barrier pushed the OWN store to RAM while the address and length were still to
    // come: the NIC, still busy with entry 0, read entry 1 and sent an empty frame from 0.
    #expect(nic.sent.count == 2)
    #expect(nic.sent.last == [])
    #expect(
      messages(log, "desc fetch").contains { $0.contains("entry 1") && $0.contains("len 0 ") })
  }
}

extension Array {
  fileprivate func repeated(_ count: Int) -> [Element] {
    (0..<count).flatMap { _ in self }
  }
}
