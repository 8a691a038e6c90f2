import ArgumentParser

/// The `dmascope` command: the composition root. Only this target reads files, the
/// environment, the clock and signals.
@main
struct DMAScope: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dmascope",
    abstract: "See Linux DMA work: caches, mappings, descriptor queues, step by step.",
    discussion: """
      dmascope simulates a small board (DRAM, a data cache that holds real bytes, a DMA \
      controller and a peripheral FIFO) and runs lessons written with the kernel's own API \
      names. Run it with no arguments for a short tour; `dmascope lessons` lists the course.
      """,
    subcommands: [
      Run.self, Lessons.self, Check.self, Boot.self, Record.self, ReplayCommand.self, Bench.self,
      DmatestCommand.self, CacheSim.self, CrashTest.self, ExportModule.self, Trace.self,
    ],
    defaultSubcommand: Run.self)
}
