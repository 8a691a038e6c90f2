import DMAPanels
import DMAScenario
import Testing

@testable import DMASim

/// `w` why answers from the log entries' typed subjects: rewording every message leaves the
/// chain of events the same (only the words change).
@Suite struct WhySubjectTests {
  static let source = """
    board soc
    chan = dma_request_chan(spi0, "tx")
    dmaengine_slave_config(chan, dst_addr_width=4, dst_maxburst=4)
    buf = kmalloc(64, GFP_KERNEL)
    cpu_write(buf, 0, "subjects, not words")
    handle = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
    desc = dmaengine_prep_slave_single(chan, handle, 64, DMA_MEM_TO_DEV, DMA_CTRL_REUSE)
    cookie = dmaengine_submit(desc)
    dma_async_issue_pending(chan)
    run until complete(cookie)
    """

  private func machine() throws -> Machine {
    let result = ScenarioCompiler.compile(Self.source, fileName: "why.dms")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    var steps = 0
    while machine.step(), steps < 100_000 { steps += 1 }
    return machine
  }

  /// The same machine with every message replaced by a neutral word.
  private func reworded(_ machine: Machine) -> Machine {
    var copy = machine
    var log = EventLog(retainedChunks: machine.log.retainedChunks)
    for var entry in machine.log.entries {
      entry.message = "reworded"
      log.append(entry)
    }
    copy.log = log
    return copy
  }

  /// The step numbers an answer lists.
  private func steps(_ answer: [String]) -> [String] {
    answer.dropFirst().map { String($0.prefix { $0 != ":" }) }
  }

  @Test func descriptorWhyFollowsSubjectsNotWords() throws {
    let machine = try machine()
    let reference = try #require(machine.descriptorReferences.first)
    let answer = Why.descriptor(reference, in: machine)
    #expect(answer.first?.hasPrefix("txd d\(reference.id) on dma0chan") == true)
    #expect(answer.contains { $0.contains("dmaengine_submit") })
    #expect(answer.contains { $0.contains("vchan_complete") })
    #expect(steps(Why.descriptor(reference, in: reworded(machine))) == steps(answer))
  }

  @Test func cacheLineWhyFollowsSubjectsNotWords() throws {
    let machine = try machine()
    let buffer = try #require(machine.allocators.allocations.first)
    let answer = Why.cacheLine(buffer.physical, in: machine)
    #expect(answer.count > 1)
    #expect(steps(Why.cacheLine(buffer.physical, in: reworded(machine))) == steps(answer))
  }

  @Test func goneDescriptorSaysSo() throws {
    let machine = try machine()
    let gone = DescriptorRef(channel: ChannelID(controller: 0, channel: 0), id: 999)
    #expect(Why.descriptor(gone, in: machine) == ["txd d999 on dma0chan0 is gone"])
  }
}
