import ArgumentParser
import DMASim

/// `dmascope dmatest`: the kernel's dmatest module, run on the simulated memcpy channels.
struct DmatestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dmatest",
    abstract: "Run dmatest (memcpy mode) on the simulated controller and verify the data.",
    discussion: """
      Like drivers/dma/dmatest.c: one thread per channel, random lengths and offsets, the \
      kernel's fill patterns, TO_DEVICE/BIDIRECTIONAL mappings, verification through the CPU's \
      view, and its result and summary lines. Runtime is simulated time (10 ns per tick).
      """)

  @Option(help: "How many memcpy channels to test (0 = all).")
  var channels = 0

  @Option(help: "Tests per thread.")
  var iterations = 100

  @Option(name: .customLong("buf-size"), help: "Bytes per source and destination buffer.")
  var bufferSize = 16_384

  @Option(name: .customLong("transfer-size"), help: "Fixed transfer length (0 = random).")
  var transferSize = 0

  @Option(help: "Seed for lengths and offsets.")
  var seed: UInt64 = 0

  @Flag(help: "Full-buffer transfers at offset 0 (dmatest's norandom).")
  var noRandom = false

  @Flag(help: "Print a line for every passed test too.")
  var verbose = false

  @Flag(help: "Inject a driver bug: leave the destination mapped, so the CPU checks stale lines.")
  var injectStaleCache = false

  func validate() throws {
    guard (0...64).contains(channels) else { throw ValidationError("--channels must be 0 to 64") }
    guard (0...1_000_000).contains(iterations) else {
      throw ValidationError("--iterations must be 0 to 1000000")
    }
    guard (1...(4 << 20)).contains(bufferSize) else {
      throw ValidationError("--buf-size must be 1 to 4194304 bytes")
    }
    guard transferSize >= 0, transferSize < bufferSize || transferSize == 0 else {
      throw ValidationError(
        "\(transferSize)-byte transfer size must be lower than \(bufferSize)-buffer size")
    }
  }

  func run() throws {
    var options = DmatestOptions()
    options.channels = channels
    options.iterations = iterations
    options.bufferSize = bufferSize
    options.transferSize = transferSize
    options.seed = seed
    options.noRandom = noRandom
    options.verbose = verbose
    options.fault = injectStaleCache ? .skipDestinationUnmap : .none
    let report = Dmatest.run(board: .soc, options: options)
    for line in report.lines { print(line) }
    if report.failures > 0 { throw ExitCode(1) }
  }
}
