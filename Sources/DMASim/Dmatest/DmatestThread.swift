/// One dmatest kthread (`dma0chan4-copy0`): builds each iteration as driver code, runs it on
/// the machine, and verifies the buffers as dmatest_verify does.
struct DmatestThread {
  let board: Board
  /// The index of the channel's controller on the board.
  let controller: Int
  /// The channel's number on its controller (memcpy channels follow the slave ones).
  let number: Int
  let options: DmatestOptions
  var channel: String { Self.channelName(controller: controller, number: number) }
  var threadName: String { "\(channel)-copy0" }

  /// The channel's name, `dma<controller>chan<number>`.
  static func channelName(controller: Int, number: Int) -> String {
    "dma\(controller)chan\(number)"
  }

  /// Runs every iteration and returns the lines to print.
  mutating func run(random: inout SplitMix64) -> (lines: [String], tests: Int, failures: Int) {
    let size = max(1, options.bufferSize)
    var lines: [String] = []
    var failures = 0
    var plans: [(length: Int, source: Int, destination: Int)] = []
    for _ in 0..<max(0, options.iterations) {
      var length = size
      if options.transferSize > 0 {
        length = min(options.transferSize, size)
      } else if !options.noRandom {
        length = Int(random.next() % UInt64(size)) + 1
      }
      var source = 0
      var destination = 0
      if !options.noRandom {
        source = Int(random.next() % UInt64(size - length + 1))
        destination = Int(random.next() % UInt64(size - length + 1))
      }
      plans.append((length, source, destination))
    }
    var machine = Machine(board: board, program: program(plans, size: size))
    var ticks: UInt64 = 0
    var bytes: UInt64 = 0
    for (index, plan) in plans.enumerated() {
      // Each iteration ends at a `pause` after its unmaps; the fill and the verification are
      // not part of the runtime, as in dmatest.
      var start: UInt64?
      while machine.step() {
        if start == nil, machine.currentAction?.operation.functionName == "dma_map_single" {
          start = machine.clock
        }
        if machine.lastTouch.pause { break }
      }
      ticks += machine.clock - (start ?? machine.clock)
      bytes += UInt64(plan.length)
      let errors = options.noVerify ? [] : verify(machine, plan, size: size)
      let number = index + 1
      let window =
        "src_off=0x\(Hex.format(UInt64(plan.source))) dst_off=0x\(Hex.format(UInt64(plan.destination))) "
        + "len=0x\(Hex.format(UInt64(plan.length)))"
      if errors.isEmpty {
        if options.verbose {
          lines.append(
            "dmatest: \(threadName): result #\(number): 'test passed' with \(window) (0)")
        }
      } else {
        failures += 1
        lines += errors.prefix(32).map { "dmatest: \(threadName): \($0)" }
        if errors.count > 32 {
          lines.append("dmatest: \(threadName): \(errors.count - 32) errors suppressed")
        }
        lines.append(
          "dmatest: \(threadName): result #\(number): 'data error' with \(window) (\(errors.count))"
        )
      }
    }
    lines.append(summary(tests: plans.count, failures: failures, ticks: ticks, bytes: bytes))
    return (lines, plans.count, failures)
  }

  private func summary(tests: Int, failures: Int, ticks: UInt64, bytes: UInt64) -> String {
    let micros = max(1, ticks * Dmatest.nanosecondsPerTick / 1000)
    let iopsTimes100 = UInt64(tests) * 100_000_000 / micros
    let kilobytes = (bytes >> 10) * 1_000_000 / micros
    let cents = String(iopsTimes100 % 100)
    return
      "dmatest: \(threadName): summary \(tests) tests, \(failures) failures "
      + "\(iopsTimes100 / 100).\(cents.count < 2 ? "0" + cents : cents) iops \(kilobytes) KB/s (0)"
  }
}
