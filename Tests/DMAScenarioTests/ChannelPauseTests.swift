import DMAScenario
import DMASim
import Testing

/// Pause and resume as the dmaengine client API states them
/// (Documentation/driver-api/dmaengine/client.rst: "It is invalid to resume a channel which is
/// not currently paused"), and a paused channel that no request line restarts: a PL080
/// driver's `device_pause` sets the channel's HALT bit (drivers/dma/amba-pl08x.c `pl08x_pause`
/// → `pl08x_pause_phy_chan`), and only `pl08x_resume` clears it.
@Suite struct ChannelPauseTests {
  static let ring = """
    board soc
    i2s = dma_request_chan(i2s0, "tx")
    dmaengine_slave_config(i2s, dst_addr_width=4, dst_maxburst=8)
    ring = kmalloc(256, GFP_KERNEL)
    h = dma_map_single(i2s0, ring, 256, DMA_TO_DEVICE)
    d = dmaengine_prep_dma_cyclic(i2s, h, 256, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
    c = dmaengine_submit(d)
    dma_async_issue_pending(i2s)
    run 300 ticks

    """

  func run(_ source: String) throws -> Machine {
    try ScenarioRunSupport.run(source, fileName: "pause.dms", limit: 200_000)
  }

  @Test func resumingAChannelThatIsNotPausedIsReported() throws {
    let machine = try run(Self.ring + "dmaengine_resume(i2s)\ndmaengine_terminate_sync(i2s)\n")
    let misuse = machine.log.entries.filter { $0.function == "dmaengine" }.map(\.message)
    #expect(misuse == ["dmaengine_resume(dma0chan2): the channel is not paused"], "\(misuse)")
  }

  /// While paused, the codec's FIFO drains and its request line asserts, but no beat moves and
  /// no "resumes" line appears until dmaengine_resume.
  @Test func aPausedChannelDoesNotResumeOnItsRequestLine() throws {
    let machine = try run(
      Self.ring + "dmaengine_pause(i2s)\nrun 400 ticks\n")
    let pausedAt = try #require(
      machine.log.entries.lastIndex { $0.function == "dmaengine_pause" })
    let after = machine.log.entries[(pausedAt + 1)...]
    #expect(!after.contains { $0.message.hasSuffix("resumes") })
    #expect(!after.contains { $0.function == "beat" })
    #expect(!machine.log.entries.contains { $0.function == "dmaengine" })
  }
}
