/// A simulated run of drivers/dma/dmatest.c in memcpy mode: one thread per memcpy channel,
/// random lengths and offsets, dmatest's fill patterns, mapping and verification, and its
/// output lines. Runtime is simulated time at a nominal 100 MHz (10 ns per tick).
public enum Dmatest {
  /// What a run printed and counted.
  public struct Report: Hashable, Sendable {
    /// The lines dmatest prints, in order, with its `dmatest: ` prefix.
    public var lines: [String]
    /// Tests run.
    public var tests: Int
    /// Tests that failed.
    public var failures: Int
  }

  /// Nanoseconds per simulated tick when turning ticks into dmatest's runtime.
  public static let nanosecondsPerTick: UInt64 = 10

  /// Runs dmatest on the memcpy channels of a board.
  public static func run(board: Board, options: DmatestOptions) -> Report {
    var lines: [String] = ["dmatest: No channels configured, continue with any"]
    let channels = board.controllers.enumerated().flatMap { index, controller in
      (0..<controller.memcpyChannels).map { (index, controller.requestLines.count + $0) }
    }
    let chosen = options.channels > 0 ? Array(channels.prefix(options.channels)) : channels
    guard !chosen.isEmpty else {
      return Report(
        lines: lines + ["dmatest: no DMA_MEMCPY channel on this board"], tests: 0, failures: 0)
    }
    let names = chosen.map { DmatestThread.channelName(controller: $0.0, number: $0.1) }
    for name in names { lines.append("dmatest: Added 1 threads using \(name)") }
    for name in names { lines.append("dmatest: Started 1 threads using \(name)") }
    var tests = 0
    var failures = 0
    var random = SplitMix64(seed: options.seed)
    for (controller, number) in chosen {
      var thread = DmatestThread(
        board: board, controller: controller, number: number, options: options)
      let result = thread.run(random: &random)
      lines += result.lines
      tests += result.tests
      failures += result.failures
    }
    return Report(lines: lines, tests: tests, failures: failures)
  }
}
