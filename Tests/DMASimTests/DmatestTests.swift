import Testing

@testable import DMASim

@Suite struct DmatestTests {
  @Test func cleanRunPassesEveryTestAndPrintsTheSummary() {
    var options = DmatestOptions()
    options.iterations = 8
    options.bufferSize = 1024
    options.seed = 7
    let report = Dmatest.run(board: .soc, options: options)
    // Four memcpy channels: two on dma0, two on dma1 (LLIs, posted writes).
    #expect(report.tests == 32)
    #expect(report.failures == 0)
    #expect(
      report.lines.prefix(5) == [
        "dmatest: No channels configured, continue with any",
        "dmatest: Added 1 threads using dma0chan4", "dmatest: Added 1 threads using dma0chan5",
        "dmatest: Added 1 threads using dma1chan2", "dmatest: Added 1 threads using dma1chan3",
      ])
    #expect(
      report.lines.last?.hasPrefix("dmatest: dma1chan3-copy0: summary 8 tests, 0 failures ") == true
    )
    #expect(report.lines.last?.hasSuffix(" KB/s (0)") == true)
    // Same seed, same run.
    #expect(Dmatest.run(board: .soc, options: options) == report)
  }

  @Test func leavingTheDestinationMappedIsCaughtAsDataErrors() {
    var options = DmatestOptions()
    options.iterations = 2
    options.bufferSize = 256
    options.channels = 1
    options.fault = .skipDestinationUnmap
    let report = Dmatest.run(board: .soc, options: options)
    #expect(report.failures == 2)
    #expect(report.lines.contains { $0.contains("not copied! Expected") })
    #expect(report.lines.contains { $0.contains("result #1: 'data error' with src_off=0x") })
  }

  @Test func eachThreadMapsForItsOwnControllerAndRunsOnItsChannel() {
    let thread = DmatestThread(
      board: .soc, controller: 1, number: 3, options: DmatestOptions())
    let program = thread.program([(length: 16, source: 0, destination: 0)], size: 64)
    var machine = Machine(board: .soc, program: program)
    while machine.step() {
      if machine.lastTouch.pause { break }
    }
    let maps = program.actions.compactMap { action -> String? in
      if case .dmaMapSingle(let device, _, _, _) = action.operation { return device }
      return nil
    }
    #expect(maps == ["dma1", "dma1"])
    let requested = machine.log.entries.filter { $0.function == "dma_request_chan_by_mask" }
    #expect(requested.last?.message.contains("dma1chan3") == true)
  }

  @Test func patternsFollowDmatest() {
    let source = DmatestPatterns.sourceBuffer(size: 4, start: 1, length: 2)
    let expectedSource: [UInt8] = [0x9f, 0xde, 0xdd, 0x9c]
    #expect(source == expectedSource)
    let destination = DmatestPatterns.destinationBuffer(size: 3, start: 2, length: 1)
    let expectedDestination: [UInt8] = [0x1f, 0x1e, 0x3d]
    #expect(destination == expectedDestination)
  }
}
