import DMAScenario
import DMASim
import Testing

/// Two of the "must show" sequences as scenarios: a dirty line over a
/// `DMA_FROM_DEVICE` buffer without invalidation, fixed by `dma_sync_single_for_cpu`; and a
/// coherent buffer, whose CPU, RAM and device views never disagree once stores are drained.
@Suite struct CoherencyMustShowTests {
  static let receive = """
    board soc
    rx = dma_request_chan(uart0, "rx")
    dmaengine_slave_config(rx, src_addr_width=1, src_maxburst=4)
    buf = kmalloc(64, GFP_KERNEL)
    cpu_write(buf, 0, fill(0x2d, 64))
    h = dma_map_single(uart0, buf, 64, DMA_FROM_DEVICE)
    ret = dma_mapping_error(uart0, h)
    d = dmaengine_prep_slave_single(rx, h, 16, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
    c = dmaengine_submit(d)
    dma_async_issue_pending(rx)
    device_receive(uart0, "ping from uart!\\n")
    wait_for_completion(c)
    expect ram(buf, 0, 16) == "ping from uart!\\n"
    expect line_state(buf) == clean

    """

  func run(_ source: String) throws -> Machine {
    try ScenarioRunSupport.run(source, fileName: "must-show.dms", limit: 100_000)
  }

  func failed(_ machine: Machine) -> [String] {
    machine.expectationResults.filter { !$0.passed }.map {
      "line \($0.line): \($0.text): \($0.actual) vs \($0.expected)"
    }
  }

  @Test func withoutInvalidationTheCPUReadsItsOldLine() throws {
    let machine = try run(
      Self.receive + """
        expect cpu_view(buf, 0, 16) == fill(0x2d, 16)
        early = cpu_read(buf, 0, 16)
        expect early == "----------------"
        """)
    #expect(failed(machine).isEmpty, "\(failed(machine))")
    #expect(machine.memory.coherencyWatch.staleLineCount == 1)
    // dmascope's coherency checks: the read of a device-owned buffer, and the stale read.
    let coherency = machine.log.entries.filter { $0.function == "coherency" }.map(\.message)
    #expect(coherency.filter { $0.hasPrefix("stale read:") }.count == 1, "\(coherency)")
    #expect(coherency.contains { $0.hasSuffix("of a buffer the device owns") }, "\(coherency)")
  }

  @Test func syncForCPUInvalidatesAndTheCPUReadsTheDevicesBytes() throws {
    let machine = try run(
      Self.receive + """
        dma_sync_single_for_cpu(uart0, h, 64, DMA_FROM_DEVICE)
        expect line_state(buf) == invalid
        late = cpu_read(buf, 0, 16)
        expect late == "ping from uart!\\n"
        dma_sync_single_for_device(uart0, h, 64, DMA_FROM_DEVICE)
        dma_unmap_single(uart0, h, 64, DMA_FROM_DEVICE)
        """)
    #expect(failed(machine).isEmpty, "\(failed(machine))")
    #expect(machine.memory.coherencyWatch.staleLineCount == 0)
    #expect(!machine.log.entries.contains { $0.source == .debug })
  }

  @Test func aCoherentBufferNeverDisagrees() throws {
    let machine = try run(
      """
      board soc
      rx = dma_request_chan(uart0, "rx")
      dmaengine_slave_config(rx, src_addr_width=1, src_maxburst=4)
      buf = dma_alloc_coherent(uart0, 4096, h, GFP_KERNEL)
      cpu_write(buf, 16, "from the CPU")
      wmb()
      expect ram(buf, 16, 12) == "from the CPU"
      expect device_view(uart0, buf, 16, 12) == "from the CPU"
      expect dirty_lines(buf, 4096) == 0
      d = dmaengine_prep_slave_single(rx, h, 16, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(rx)
      device_receive(uart0, "ping from uart!\\n")
      wait_for_completion(c)
      expect cpu_view(buf, 0, 16) == "ping from uart!\\n"
      early = cpu_read(buf, 0, 16)
      expect early == "ping from uart!\\n"
      expect dirty_lines(buf, 4096) == 0
      dma_free_coherent(uart0, 4096, buf, h)
      """)
    #expect(failed(machine).isEmpty, "\(failed(machine))")
    #expect(machine.expectationResults.count == 6)
    #expect(machine.memory.coherencyWatch.staleLineCount == 0)
    #expect(!machine.log.entries.contains { $0.source == .debug })
  }
}
