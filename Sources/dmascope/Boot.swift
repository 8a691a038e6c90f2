import ArgumentParser
import DMABoards
import DMASim
import DeviceTree

/// `dmascope boot`: early memory setup of a board's device tree, as a dmesg-style log and a
/// memory map, or one JSON object.
struct Boot: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Boot a board's device tree: memblock, reserved memory, CMA, the memory map.",
    discussion: """
      BOARD is a built-in board name (see --list) or a .dtb or self-contained .dts file. \
      The kernel command line comes from /chosen/bootargs unless --cmdline is given; \
      cma=, mem= and swiotlb= are understood. --bench times an 8 GiB board with a 1 GiB \
      CMA area instead.
      """)

  @ArgumentParser.Argument(help: "A built-in board or a .dtb/.dts file (default: arm64-cma-soc).")
  var board: String?

  @Option(help: "Kernel command line (replaces /chosen/bootargs).")
  var cmdline: String?

  @Flag(help: "Print exactly one JSON object instead of the log and memory map.")
  var json = false

  @Option(help: "Architecture profile: arm64 or arm32.")
  var profile: String = "arm64"

  @Option(help: "Kernel release to follow where releases differ: 6.1 or 6.12 (default).")
  var kernel: String = KernelVersion.newest.rawValue

  @Option(
    help: """
      Kconfig values: a set (defaults, debian) and/or NAME=VALUE settings, comma-separated, \
      e.g. debian,CMA_SIZE_MBYTES=32 (default: defaults).
      """)
  var config: String = "defaults"

  @Flag(help: "Also show pr_debug lines in the log.")
  var debug = false

  @Flag(help: "List the built-in boards.")
  var list = false

  @Option(name: .customLong("source"), help: "Print the source of a built-in board.")
  var sourceOf: String?

  @Flag(help: "Time booting an 8 GiB board with a 1 GiB CMA area, and cma_alloc/cma_release.")
  var bench = false

  func validate() throws {
    guard BootProfile.named(profile) != nil else {
      throw ValidationError("unknown profile '\(profile)'; use arm64 or arm32")
    }
    guard KernelVersion.named(kernel) != nil else {
      let names = KernelVersion.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError("unknown kernel '\(kernel)'; use one of \(names)")
    }
  }

  func run() throws {
    if list {
      let width = BuiltInBoard.all.map(\.name.count).max() ?? 0
      for board in BuiltInBoard.all {
        print(
          board.name + String(repeating: " ", count: width - board.name.count) + "  "
            + board.summary)
      }
      return
    }
    if let name = sourceOf {
      guard let board = BuiltInBoard.named(name) else {
        throw UsageError("unknown board '\(name)'", hint: "`dmascope boot --list` lists them")
      }
      print(board.source, terminator: "")
      return
    }
    let version = KernelVersion.named(kernel) ?? .newest
    let settings: KernelConfig
    do {
      settings = try KernelConfig.parse(config, for: version)
    } catch {
      throw UsageError("--config: \(error.message)", hint: error.hint)
    }
    let chosenProfile = (BootProfile.named(profile) ?? .arm64).with(
      kernel: version, config: settings)
    if bench {
      BootBenchmark.run(profile: chosenProfile)
      return
    }
    let loaded = try load(board ?? BuiltInBoard.all[0].name)
    let result: BootResult
    do {
      result = try EarlyBoot.run(loaded.description, profile: chosenProfile)
    } catch let error as CommandLineError {
      throw UsageError("kernel command line: \(error.description)")
    }
    if json {
      print(BootJSON.render(result))
      return
    }
    for line in result.logLines(upTo: debug ? .debug : .info) { print(line) }
    for line in MemoryMapText.render(result) { print(line) }
  }

  private func load(_ argument: String) throws -> BoardLoader.Loaded {
    do {
      if let builtIn = try BoardLoader.builtIn(argument, commandLine: cmdline) {
        return builtIn
      }
      guard argument.contains("/") || argument.contains(".") else {
        let names = BuiltInBoard.all.map(\.name).joined(separator: ", ")
        throw UsageError("unknown board '\(argument)'", hint: "built-in boards: \(names)")
      }
      let bytes = try FileReader.readBytes(argument, maximumBytes: 16 << 20)
      return try BoardLoader.file(bytes, fileName: argument, commandLine: cmdline)
    } catch let error as DeviceTreeError {
      throw UsageError(error.description)
    }
  }
}
