import ArgumentParser
import DMAScenario
import DMASim

/// `dmascope cachesim`: a trace-driven run of the simulated data cache.
struct CacheSim: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cachesim",
    abstract: "Run a memory trace through the data cache model and count hits and misses.",
    discussion: """
      The trace has one access per line: `R ADDR SIZE` (a load) or `W ADDR SIZE` (a store), \
      ADDR and SIZE in hexadecimal with 0x or in decimal, SIZE from 1 to 4096. Blank lines and \
      `#` comments are allowed. An access that crosses line boundaries is split into one \
      reference per line, in address order, and counts once: a hit only if every line hit \
      (Cachegrind's rule). Evictions count valid lines replaced; writebacks count dirty lines \
      written back by eviction (no final flush). --bench times a generated trace instead.
      """)

  @Option(help: "The trace file.")
  var trace: String?

  @Option(help: "Cache size in bytes (K, M suffixes allowed): ways × line × a power-of-two sets.")
  var size = ByteCount(8 << 10)

  @Option(help: "Associativity (1 = direct-mapped).")
  var ways = 4

  @Option(help: "Line size in bytes: a power of two from 4 to 4096.")
  var line = ByteCount(64)

  @Option(help: "Replacement policy: lru.")
  var policy = "lru"

  @Flag(help: "Write policy on a store hit.")
  var write: WritePolicyFlag = .writeBack

  @Flag(help: "Whether a store miss allocates a line.")
  var allocate: AllocateFlag = .writeAllocate

  @Flag(help: "Print the counters as one JSON object.")
  var json = false

  @Flag(help: "Time a generated trace (SplitMix64) and print accesses per second.")
  var bench = false

  @Option(help: "With --bench: how many accesses to generate.")
  var accesses = 20_000_000

  @Option(help: "With --bench: the SplitMix64 seed.")
  var seed: UInt64 = 1

  var geometry: CacheGeometry {
    CacheGeometry(
      size: size.value, ways: ways, lineSize: line.value,
      writePolicy: write == .writeBack ? .writeBack : .writeThrough,
      allocateOnWrite: allocate == .writeAllocate)
  }

  func validate() throws {
    guard policy == "lru" else {
      throw ValidationError("unknown --policy '\(policy)': only lru is simulated")
    }
    if let problem = geometry.problem {
      let option: String
      switch problem.field {
      case .size: option = "--size"
      case .ways: option = "--ways"
      case .lineSize: option = "--line"
      }
      throw ValidationError("\(option): \(problem.message) (hint: \(problem.hint))")
    }
    if bench {
      guard trace == nil else { throw ValidationError("give either --trace or --bench, not both") }
      guard (1...1_000_000_000).contains(accesses) else {
        throw ValidationError("--accesses must be from 1 to 1000000000 (got \(accesses))")
      }
    } else if trace == nil {
      throw ValidationError("missing --trace FILE (or --bench)")
    }
  }

  func run() throws {
    if bench {
      print(CacheBench.run(geometry: geometry, accesses: accesses, seed: seed))
      return
    }
    guard let path = trace else { return }
    var cache = DataCache(geometry: geometry)
    var parser = CacheTraceParser(fileName: path)
    try FileReader.forEachLine(path) { bytes, number in
      if let access = parser.parseLine(bytes, number: number), parser.errorCount == 0 {
        cache.access(access)
      }
    }
    guard parser.errorCount == 0 else {
      for diagnostic in parser.diagnostics { Output.error(diagnostic.rendered) }
      let hidden = parser.errorCount - parser.diagnostics.count
      if hidden > 0 { Output.error("… and \(hidden) more") }
      let count = parser.errorCount
      Output.error("\(count) error\(count == 1 ? "" : "s") in \(path)")
      throw ExitCode(1)
    }
    if json {
      print(cache.statistics.jsonText)
    } else {
      print("\(path): \(Self.describe(geometry))")
      print(cache.statistics.tableText)
    }
  }

  /// A one-line description of a geometry and its policies.
  static func describe(_ geometry: CacheGeometry) -> String {
    "\(Hex.size(UInt64(geometry.size))), \(geometry.ways)-way, \(geometry.lineSize)-byte lines, "
      + "\(geometry.sets) sets, LRU, "
      + (geometry.writePolicy == .writeBack ? "write-back" : "write-through") + ", "
      + (geometry.allocateOnWrite ? "write-allocate" : "no-write-allocate")
  }
}

/// `--write-back` / `--write-through`.
enum WritePolicyFlag: String, EnumerableFlag {
  case writeBack
  case writeThrough

  static func help(for value: Self) -> ArgumentHelp? {
    value == .writeBack
      ? "A store hit dirties the line; RAM is written on eviction."
      : "A store writes the line and RAM at once; lines never become dirty."
  }
}

/// `--write-allocate` / `--no-write-allocate`.
enum AllocateFlag: String, EnumerableFlag {
  case writeAllocate
  case noWriteAllocate

  static func help(for value: Self) -> ArgumentHelp? {
    value == .writeAllocate
      ? "A store miss fills the line first."
      : "A store miss writes RAM only and allocates nothing."
  }
}
