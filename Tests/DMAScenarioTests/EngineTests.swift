import DMAScenario
import Testing

@testable import DMASim

/// The dmaengine lifecycle on the multi-channel board, driven by scenario text.
@Suite struct EngineTests {
  static let prelude = """
    board soc
    uart = dma_request_chan(uart0, "tx")
    dmaengine_slave_config(uart, dst_addr_width=1, dst_maxburst=4)
    spi = dma_request_chan(spi0, "tx")
    dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
    buf = kmalloc(64, GFP_KERNEL)
    cpu_write(buf, 0, "0123456789abcdef", repeat=4)
    h = dma_map_single(uart0, buf, 64, DMA_TO_DEVICE)
    dma_mapping_error(uart0, h)
    """

  func machine(_ body: String, board: Board = .soc) throws -> Machine {
    let result = ScenarioCompiler.compile(Self.prelude + "\n" + body, fileName: "t.dms")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    return Machine(board: board, program: scenario.program)
  }

  func channel(_ machine: Machine, _ index: Int) -> VirtualChannel {
    machine.engine.controllers[0].virtualChannels[index]
  }

  @Test func callbacksRunInCompletionOrder() throws {
    var machine = try machine(
      """
      d1 = dmaengine_prep_slave_single(uart, h, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      d2 = dmaengine_prep_slave_single(uart, h, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c1 = dmaengine_submit(d1)
      c2 = dmaengine_submit(d2)
      dma_async_issue_pending(uart)
      wait_for_completion(c2)
      """)
    machine.runToEnd()
    #expect(machine.cpu.completions == [2, 3])
    #expect(channel(machine, 0).completedCookie == 3)
    #expect(machine.peripherals[0].outputCount == 32)
  }

  @Test func cookiesWrapFromMaxToOne() throws {
    var machine = try machine(
      """
      d1 = dmaengine_prep_slave_single(uart, h, 4, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      d2 = dmaengine_prep_slave_single(uart, h, 4, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c1 = dmaengine_submit(d1)
      c2 = dmaengine_submit(d2)
      """)
    machine.engine.controllers[0].virtualChannels[0].cookie = Int32.max - 1
    machine.engine.controllers[0].virtualChannels[0].completedCookie = Int32.max - 1
    machine.runToEnd()
    #expect(machine.cpu.variables["c1"] == .cookie(Int32.max))
    #expect(machine.cpu.variables["c2"] == .cookie(1))
    // Wrapped: last_complete (max - 1) > last_used (1): 1 is in progress, max - 1 complete.
    #expect(channel(machine, 0).cookieStatus(1) == .inProgress)
    #expect(channel(machine, 0).cookieStatus(Int32.max - 1) == .complete)
  }

  @Test func neverIssuedCookieReadsComplete() throws {
    var machine = try machine(
      """
      d1 = dmaengine_prep_slave_single(uart, h, 4, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c1 = dmaengine_submit(d1)
      s1 = dmaengine_tx_status(uart, c1)
      """)
    machine.runToEnd()
    #expect(machine.cpu.variables["s1"] == .status(.inProgress))
    // Cookie 7 was never handed out: dma_async_is_complete calls it complete.
    #expect(channel(machine, 0).cookieStatus(7) == .complete)
    #expect(channel(machine, 0).cookieStatus(0) == .complete)
  }

  @Test func twoVirtualChannelsTakeTurnsOnOnePhysicalChannel() throws {
    var board = Board.soc
    board.controllers[0].physicalChannels = 1
    var machine = try machine(
      """
      h2 = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
      dma_mapping_error(spi0, h2)
      u1 = dmaengine_prep_slave_single(uart, h, 8, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      u2 = dmaengine_prep_slave_single(uart, h, 8, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      s1 = dmaengine_prep_slave_single(spi, h2, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      s2 = dmaengine_prep_slave_single(spi, h2, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cu1 = dmaengine_submit(u1)
      cu2 = dmaengine_submit(u2)
      cs1 = dmaengine_submit(s1)
      cs2 = dmaengine_submit(s2)
      dma_async_issue_pending(uart)
      dma_async_issue_pending(spi)
      wait_for_completion(cs2)
      wait_for_completion(cu2)
      """, board: board)
    var starts: [String] = []
    while machine.step() {
      for entry in machine.entriesOfLastStep where entry.function == "start" {
        starts.append(entry.message.contains("dma0chan0") ? "uart" : "spi")
      }
    }
    // Round robin at descriptor boundaries: the channel that just finished goes to the back.
    #expect(starts == ["uart", "spi", "uart", "spi"])
    #expect(machine.log.entries.contains { $0.function == "arbiter" })
  }

  @Test func residueShrinksPartWayThrough() throws {
    var machine = try machine(
      """
      d1 = dmaengine_prep_slave_single(uart, h, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c1 = dmaengine_submit(d1)
      dma_async_issue_pending(uart)
      run 30 ticks
      s1 = dmaengine_tx_status(uart, c1)
      """)
    machine.runToEnd()
    let entry = try #require(machine.log.entries.last { $0.function == "dmaengine_tx_status" })
    #expect(entry.message.contains("DMA_IN_PROGRESS"))
    let residue = try #require(
      entry.message.split(separator: " ").last.flatMap { Int($0.dropLast()) })
    #expect(residue > 0 && residue < 64)
  }

  @Test func pauseStopsBeatsAndReportsPausedUntilResume() throws {
    var machine = try machine(
      """
      d1 = dmaengine_prep_slave_single(uart, h, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c1 = dmaengine_submit(d1)
      dma_async_issue_pending(uart)
      run 20 ticks
      dmaengine_pause(uart)
      s1 = dmaengine_tx_status(uart, c1)
      run 200 ticks
      s2 = dmaengine_tx_status(uart, c1)
      dmaengine_resume(uart)
      wait_for_completion(c1)
      """)
    machine.runToEnd()
    #expect(machine.cpu.variables["s1"] == .status(.paused))
    let statuses = machine.log.entries.filter { $0.function == "dmaengine_tx_status" }
    #expect(statuses.count == 2)
    #expect(
      statuses[0].message.split(separator: " ").last
        == statuses[1].message.split(separator: " ").last)
    #expect(machine.cpu.completions == [2])
    #expect(machine.peripherals[0].outputCount == 64)
  }

  @Test func terminateParksTheActiveDescriptorUntilSynchronize() throws {
    var machine = try machine(
      """
      d1 = dmaengine_prep_slave_single(uart, h, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      d2 = dmaengine_prep_slave_single(uart, h, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c1 = dmaengine_submit(d1)
      c2 = dmaengine_submit(d2)
      dma_async_issue_pending(uart)
      run 20 ticks
      dmaengine_terminate_async(uart)
      run 5 ticks
      dmaengine_synchronize(uart)
      """)
    let reached = machine.run(until: { $0.log.last?.function == "dmaengine_terminate_async" })
    #expect(reached)
    #expect(channel(machine, 0).terminated == [1])
    #expect(channel(machine, 0).active == nil)
    #expect(channel(machine, 0).issued.isEmpty)
    #expect(channel(machine, 0).descriptors[2] == nil)
    machine.runToEnd()
    #expect(channel(machine, 0).terminated.isEmpty)
    #expect(channel(machine, 0).descriptors.isEmpty)
    #expect(machine.cpu.completions.isEmpty)
  }

  /// drivers/dma/virt-dma.h (v6.16) `vchan_get_all_descriptors` splices `desc_allocated`
  /// first: a descriptor prepared but never submitted is freed by terminate_all, a reusable
  /// one goes back to the head of `desc_allocated` (`vchan_vdesc_fini`).
  @Test func terminateFreesPreparedButUnsubmittedDescriptors() throws {
    var machine = try machine(
      """
      d1 = dmaengine_prep_slave_single(uart, h, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      d2 = dmaengine_prep_slave_single(uart, h, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      d3 = dmaengine_prep_slave_single(uart, h, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      r = dmaengine_desc_set_reuse(d3)
      c1 = dmaengine_submit(d1)
      dma_async_issue_pending(uart)
      run 20 ticks
      dmaengine_terminate_async(uart)
      """)
    let reached = machine.run(until: { $0.log.last?.function == "dmaengine_terminate_async" })
    #expect(reached)
    #expect(channel(machine, 0).descriptors[2] == nil)
    #expect(channel(machine, 0).allocated == [3])
    #expect(channel(machine, 0).terminated == [1])
    let message = try #require(machine.log.entries.last?.message)
    #expect(message.contains("txd d2 freed"))
    #expect(message.contains("txd d3 reusable → head of desc_allocated"))
  }

  /// drivers/dma/dmaengine.h `dma_cookie_assign`: `cookie = chan->cookie + 1`, and
  /// `DMA_MIN_COOKIE` when that is below it (past `INT_MAX` the s32 wraps negative).
  @Test func aCookieCounterSeededNearIntMaxWrapsToDMAMinCookie() throws {
    var machine = try machine(
      """
      uart->cookie = 0x7ffffffe
      d1 = dmaengine_prep_slave_single(uart, h, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      d2 = dmaengine_prep_slave_single(uart, h, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c1 = dmaengine_submit(d1)
      c2 = dmaengine_submit(d2)
      expect c1 == 0x7fffffff
      expect c2 == 1
      dma_async_issue_pending(uart)
      wait_for_completion(c2)
      """)
    machine.runToEnd()
    #expect(machine.expectationResults.count == 2)
    let failed = machine.expectationResults.filter { !$0.passed }
    #expect(failed.isEmpty)
    #expect(machine.cpu.completions == [0x7fff_ffff, 1])
    let set = machine.log.entries.first { $0.function == "chan->cookie" }
    #expect(
      set?.message
        == "dma0chan0: chan->cookie = 2147483646 (the next dmaengine_submit gets cookie 2147483647)"
    )
  }

  @Test func aChannelFieldOutsideTheCookiesIsRefused() {
    let result = ScenarioCompiler.compile(
      Self.prelude + "\nuart->client_count = 3\nuart->cookie = 0x80000000\n", fileName: "t.dms")
    let messages = result.diagnostics.map(\.message)
    #expect(messages.contains("`uart->client_count` cannot be set"))
    #expect(messages.contains("`uart->cookie` takes a constant from 0 to INT_MAX (0x7fffffff)"))
  }

  @Test func reusableDescriptorReturnsToAllocatedAndGetsANewCookie() throws {
    var machine = try machine(
      """
      d1 = dmaengine_prep_slave_single(uart, h, 8, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      r = dmaengine_desc_set_reuse(d1)
      c1 = dmaengine_submit(d1)
      dma_async_issue_pending(uart)
      wait_for_completion(c1)
      c2 = dmaengine_submit(d1)
      dma_async_issue_pending(uart)
      wait_for_completion(c2)
      f = dmaengine_desc_free(d1)
      """)
    let reached = machine.run(until: {
      $0.cpu.completions == [2] && $0.log.last?.function == "vchan_complete"
    })
    #expect(reached)
    #expect(channel(machine, 0).allocated == [1])
    machine.runToEnd()
    #expect(machine.cpu.variables["r"] == .integer(0))
    #expect(machine.cpu.variables["c2"] == .cookie(3))
    #expect(machine.cpu.variables["f"] == .integer(0))
    #expect(channel(machine, 0).descriptors.isEmpty)
  }

  @Test func cyclicRunsAPeriodCallbackPerPeriodUntilTerminated() throws {
    var machine = try machine(
      """
      i2s = dma_request_chan(i2s0, "tx")
      dmaengine_slave_config(i2s, dst_addr_width=4, dst_maxburst=8)
      audio = kmalloc(256, GFP_KERNEL)
      ha = dma_map_single(i2s0, audio, 256, DMA_TO_DEVICE)
      dma_mapping_error(i2s0, ha)
      ring = dmaengine_prep_dma_cyclic(i2s, ha, 256, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cr = dmaengine_submit(ring)
      dma_async_issue_pending(i2s)
      run 400 ticks
      dmaengine_terminate_sync(i2s)
      """)
    machine.runToEnd()
    let vchan = channel(machine, 2)
    #expect(vchan.periodCallbacks >= 4)
    #expect(vchan.active == nil && vchan.terminated.isEmpty && vchan.descriptors.isEmpty)
    #expect(vchan.completedCookie == 1)
    #expect(machine.peripherals[1].outputCount >= 256)
  }

  @Test func cyclicWarnsWhenTheBufferIsNotAMultipleOfThePeriod() throws {
    var machine = try machine(
      """
      i2s = dma_request_chan(i2s0, "tx")
      dmaengine_slave_config(i2s, dst_addr_width=4, dst_maxburst=8)
      ring = dmaengine_prep_dma_cyclic(i2s, h, 64, 24, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      """)
    machine.runToEnd()
    #expect(
      machine.log.entries.contains {
        $0.message.hasSuffix("buffer_length (64) is not a multiple of period_len (24)")
      })
  }

  @Test func memcpyCopiesThroughTheController() throws {
    var machine = try machine(
      """
      m = dma_request_chan_by_mask(DMA_MEMCPY)
      dst = kmalloc(64, GFP_KERNEL)
      hs = dma_map_single(dma0, buf, 64, DMA_TO_DEVICE)
      dma_mapping_error(dma0, hs)
      hd = dma_map_single(dma0, dst, 64, DMA_FROM_DEVICE)
      dma_mapping_error(dma0, hd)
      d = dmaengine_prep_dma_memcpy(m, hd, hs, 64, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(m)
      wait_for_completion(c)
      dma_unmap_single(dma0, hd, 64, DMA_FROM_DEVICE)
      got = cpu_read(dst, 0, 16)
      """)
    machine.runToEnd()
    #expect(machine.cpu.variables["got"] == .bytes(Array("0123456789abcdef".utf8)))
    #expect(machine.cpu.variables["m"] == .channel(controller: 0, channel: 4))
  }

  @Test func uartReceivesIntoMemory() throws {
    var machine = try machine(
      """
      rx = dma_request_chan(uart0, "rx")
      dmaengine_slave_config(rx, src_addr_width=1, src_maxburst=4)
      in = kmalloc(32, GFP_KERNEL)
      hr = dma_map_single(uart0, in, 32, DMA_FROM_DEVICE)
      dma_mapping_error(uart0, hr)
      d = dmaengine_prep_slave_single(rx, hr, 12, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(rx)
      device_receive(uart0, "hello, world")
      wait_for_completion(c)
      dma_unmap_single(uart0, hr, 32, DMA_FROM_DEVICE)
      got = cpu_read(in, 0, 12)
      """)
    machine.runToEnd()
    #expect(machine.cpu.variables["got"] == .bytes(Array("hello, world".utf8)))
  }
}

extension Machine {
  /// Steps until `predicate` holds or the machine stops; returns whether it held.
  mutating func run(until predicate: (Machine) -> Bool, limit: Int = 100_000) -> Bool {
    for _ in 0..<limit {
      if predicate(self) { return true }
      if !step() { return predicate(self) }
    }
    return predicate(self)
  }

  /// Steps until nothing is left.
  mutating func runToEnd(limit: Int = 1_000_000) {
    for _ in 0..<limit where !step() { return }
  }
}

@Suite struct ScatterGatherTests {
  @Test func threeBuffersGoOutAsOneDescriptor() throws {
    let source = """
      board soc
      spi = dma_request_chan(spi0, "tx")
      dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
      a = kmalloc(64, GFP_KERNEL)
      b = kmalloc(128, GFP_KERNEL)
      c = kmalloc(32, GFP_KERNEL)
      cpu_write(a, 0, "AAAA", repeat=16)
      cpu_write(b, 0, "BBBB", repeat=32)
      cpu_write(c, 0, "CCCC", repeat=8)
      sg = sg_init_table(3)
      sg_set_buf(sg, 0, a, 64)
      sg_set_buf(sg, 1, b, 128)
      sg_set_buf(sg, 2, c, 32)
      n = dma_map_sg(spi0, sg, 3, DMA_TO_DEVICE)
      d = dmaengine_prep_slave_sg(spi, sg, n, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      k = dmaengine_submit(d)
      dma_async_issue_pending(spi)
      wait_for_completion(k)
      dma_unmap_sg(spi0, sg, 3, DMA_TO_DEVICE)
      """
    let result = ScenarioCompiler.compile(source, fileName: "sg.dms")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    machine.runToEnd()
    #expect(machine.cpu.variables["n"] == .integer(3))
    let expected =
      String(repeating: "A", count: 64) + String(repeating: "B", count: 128)
      + String(repeating: "C", count: 32)
    #expect(String(decoding: machine.peripherals[2].output, as: UTF8.self) == expected)
    #expect(!machine.log.entries.contains { $0.source == .debug })
  }
}

@Suite struct CMAMachineTests {
  @Test func cmaAllocTakesAlignedPagesFromTheDefaultArea() throws {
    let source = """
      board soc8g
      a = cma_alloc(16, 4)
      b = cma_alloc(300, 8)
      cpu_write(b, 0, "cma pages are ordinary cacheable memory")
      cma_release(a, 16)
      """
    let result = ScenarioCompiler.compile(source, fileName: "cma.dms")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    while machine.step() { #expect(machine.invariantViolations().isEmpty) }
    let area = try #require(machine.allocators.cmaAreas.first)
    #expect(area.used == 300)
    guard case .pointer(let b) = machine.cpu.variables["b"] else {
      Issue.record("b is not a pointer")
      return
    }
    let physical = try #require(machine.memory.pageTable.translate(b)?.physical)
    #expect(physical.rawValue >= 0xc000_0000 && physical.pfn % 256 == 0)
    #expect(
      machine.log.entries.contains {
        $0.function == "cma_release" && $0.message.hasSuffix("= true")
      })
  }
}

@Suite struct CoherentAllocationTests {
  @Test func nonCoherentDeviceGetsANonCacheableRemapAndNeedsNoSync() throws {
    let lesson = try #require(LessonLibrary.lesson(named: "coherent-buffer"))
    let scenario = try #require(ScenarioCompiler.compile(lesson.source, fileName: "c.dms").scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    var remap: KernelMapping?
    while machine.step() {
      #expect(machine.invariantViolations().isEmpty)
      if remap == nil, case .pointer(let ring) = machine.cpu.variables["ring"] {
        remap = machine.memory.pageTable.translate(ring)?.mapping
      }
    }
    #expect(remap?.memoryType == .normalNonCacheable)
    #expect(remap?.granule == 4096)
    #expect(machine.memory.cache.lines.allSatisfy { $0.state != .dirty })
    let sent = String(decoding: machine.peripherals[2].output, as: UTF8.self)
    #expect(sent == String(repeating: "coherent: no sync needed. ", count: 4))
    #expect(!machine.log.entries.contains { $0.source == .debug })
    // Freed: the remap is gone and the CMA pages are back.
    #expect(!machine.memory.pageTable.mappings.contains { $0.name.hasSuffix("remap") })
    #expect(machine.allocators.cmaAreas.first?.used == 0)
  }
}
