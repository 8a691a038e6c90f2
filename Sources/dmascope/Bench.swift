import ArgumentParser
import DMAApp
import DMAScenario
import DMASim
import Foundation
import TermCanvas

/// `dmascope bench`: runs the benchmarks and prints one table of figures against targets.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the benchmarks and print figure, value, target and pass/fail.",
    discussion: "Build with `swift build -c release` first: debug builds are far slower.")

  @Option(help: "Forward steps before measuring a reverse step.")
  var steps: Int = 1_000_000

  @Flag(
    help: """
      Run only the memory workload on the soc8g board (8 GiB DRAM, 1 GiB CMA) and print its \
      peak resident memory (bench runs this in a child process).
      """)
  var memoryProbe = false

  @Flag(help: "Run only the terminal figures (frame build time, bytes written per step).")
  var frames = false

  @Flag(help: "Run only the mapping-API figure (map/error/unmap calls per second over 1 GiB).")
  var mapping = false

  @Flag(help: "Run only the trace figures (a 100,000-event trace: load, step, step back).")
  var trace = false

  @Option(help: "The real trace the trace figures repeat.")
  var traceFixture = TraceBench.defaultFixture

  @Option(help: "Events in the trace the trace figures generate (1000 to 4000000).")
  var traceEvents = TraceBench.eventCount

  func validate() throws {
    if traceEvents < 1000 || traceEvents > 4_000_000 {
      throw ValidationError("--trace-events must be between 1000 and 4000000 (got \(traceEvents))")
    }
  }

  func run() throws {
    if memoryProbe {
      memoryWorkload()
      return
    }
    if mapping {
      BenchRow.printTable([mappingFigure()])
      return
    }
    if frames {
      BenchRow.printTable(try FrameBench.rows())
      return
    }
    if trace {
      BenchRow.printTable(try TraceBench.rows(fixture: traceFixture, events: traceEvents))
      return
    }
    var rows: [BenchRow] = []
    rows.append(streamingFigure(megabytes: 64, granularity: .block))
    rows.append(streamingFigure(megabytes: 4, granularity: .beat))
    rows += engineFigures()
    rows.append(lliFigure())
    rows.append(mappingFigure())
    rows += try historyFigures()
    rows.append(try frameFigure())
    rows += try FrameBench.rows()
    let cache = CacheBench.measure(
      geometry: CacheGeometry(size: 8 << 10, ways: 4, lineSize: 64), accesses: 20_000_000, seed: 1)
    rows.append(
      BenchRow(
        figure: "cachesim accesses per second",
        value: String(format: "%.1f million", cache.rate / 1e6), target: ">= 20 million",
        pass: cache.rate >= 20_000_000))
    rows.append(firstFrameFigure())
    let boot = BootBenchmark.measure()
    rows.append(
      BenchRow(
        figure: "boot 8 GiB DRAM / 1 GiB CMA (dts to memory map)",
        value: String(format: "%.1f us", boot.sourceBootMicroseconds), target: "-", pass: nil))
    rows.append(
      BenchRow(
        figure: "cma_alloc + cma_release calls per second",
        value: String(format: "%.0f", boot.cmaCallsPerSecond), target: "-", pass: nil))
    rows.append(peakMemoryFigure())
    rows += try TraceBench.rows(fixture: traceFixture, events: traceEvents)
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    rows.append(
      BenchRow(
        figure: "peak resident memory of this bench process", value: "\(usage.ru_maxrss >> 10) MiB",
        target: "-", pass: nil))
    BenchRow.printTable(rows)
  }

  /// Steps forward, then times one reverse step and a reverse-continue to the start, and
  /// measures what the history holds.
  private func historyFigures() throws -> [BenchRow] {
    let program = BenchPrograms.longTransfers(steps: steps)
    var debugger = Debugger(machine: Machine(board: .minimal, program: program))
    let rssBefore = ProcessMemory.residentBytes()
    let start = ContinuousClock.now
    var done = 0
    while done < steps, debugger.step() == .done { done += 1 }
    let forward = ContinuousClock.now - start
    let rssAfter = ProcessMemory.residentBytes()
    // A reverse step replays from the previous checkpoint, so its cost depends on the distance
    // to it: measure the worst case, one step before the next checkpoint would be taken.
    let lastCheckpoint = debugger.history.checkpoints.last?.stepCount ?? 0
    let worstPosition = lastCheckpoint + debugger.history.interval - 1
    while debugger.machine.stepCount < worstPosition, debugger.step() == .done {}
    let backStart = ContinuousClock.now
    _ = debugger.stepBack()
    let back = ContinuousClock.now - backStart
    let perSecond = Double(done) / max(forward.seconds, 1e-9)
    let reverse = reverseContinueFigures(debugger)
    return [
      BenchRow(
        figure: "forward steps per second", value: "\(Int(perSecond))", target: "-", pass: nil),
      BenchRow(
        figure: "reverse step after \(done) steps (worst case)",
        value: String(format: "%.2f ms", back.seconds * 1000),
        target: "<= 10 ms", pass: back.seconds <= 0.010),
      BenchRow(
        figure: "history checkpoints (interval)",
        value: "\(debugger.history.count) (\(debugger.history.interval))", target: "-", pass: nil),
      BenchRow(
        figure: "memory held by the run", value: "\((rssAfter - rssBefore) >> 20) MiB",
        target: "<= 150 MB", pass: (rssAfter - rssBefore) <= 150_000_000),
    ] + reverse
  }

  /// Streams `megabytes` through memcpy DMA in 4 MiB rounds, each with its cache maintenance
  /// (clean for the device on map, invalidate for the CPU on unmap), and reports payload per
  /// second of wall time.
  private func streamingFigure(megabytes: Int, granularity: EventGranularity) -> BenchRow {
    let program = BenchPrograms.streaming(megabytes: megabytes)
    var machine = Machine(board: .soc, program: program, granularity: granularity)
    let start = ContinuousClock.now
    var steps = 0
    while machine.step() { steps += 1 }
    let seconds = (ContinuousClock.now - start).seconds
    let copied = machine.log.entries.isEmpty ? 0 : megabytes
    let rate = Double(copied) / max(seconds, 1e-9)
    let name = granularity == .block ? "block" : "beat"
    return BenchRow(
      figure: "DMA payload, \(megabytes) MiB streaming, \(name) steps",
      value: String(format: "%.0f MiB/s (%d steps)", rate, steps),
      target: granularity == .block ? ">= 200 MiB/s" : "-",
      pass: granularity == .block ? rate >= 200 : nil)
  }

  /// Times a fresh `dmascope run --headless` process from start to its first frame on stdout
  /// (best of five, so a cold file cache does not count).
  private func firstFrameFigure() -> BenchRow {
    var best = Double.infinity
    for _ in 0..<5 {
      guard let run = runChild(["run", "--headless", "--steps", "0", "--size", "100x30"]) else {
        break
      }
      best = min(best, run.seconds)
    }
    return BenchRow(
      figure: "start to first frame (headless process)",
      value: best.isFinite ? String(format: "%.1f ms", best * 1000) : "not measured",
      target: "<= 150 ms", pass: best <= 0.150)
  }

  /// Peak resident memory of a child process that runs the memory workload on the 8 GiB DRAM
  /// / 1 GiB CMA board, as the child itself reports it (VmHWM: a fork's shared pages must not
  /// count).
  private func peakMemoryFigure() -> BenchRow {
    guard let run = runChild(["bench", "--memory-probe", "--steps", "\(steps)"]) else {
      return BenchRow(
        figure: "peak memory, 8 GiB / 1 GiB CMA board", value: "not measured",
        target: "<= 150 MB", pass: false)
    }
    let output = run.output
    let reported = output.split(separator: "\n").first { $0.contains("peak resident memory:") }
    let mebibytes = reported.flatMap { $0.split(separator: " ").dropLast().last }.flatMap {
      Int($0)
    }
    let peak = (mebibytes ?? Int.max >> 21) << 20
    return BenchRow(
      figure: "peak memory, 8 GiB DRAM / 1 GiB CMA board, \(steps) steps",
      value: "\(peak >> 20) MiB", target: "<= 150 MB", pass: peak <= 150_000_000)
  }

  /// Scatter-gather of 4 KiB segments to the SPI FIFO (paced by DRQ, beat by beat), and
  /// descriptors per second through prep → submit → issue → complete → callback on memcpy.
  private func engineFigures() -> [BenchRow] {
    var sg: [Action] = [
      Action(operation: .dmaRequestChan(device: "spi0", name: "tx"), result: "spi"),
      Action(
        operation: .dmaengineSlaveConfig(
          channel: .variable("spi"), config: SlaveConfig(dstAddrWidth: 4, dstMaxBurst: 8))),
      Action(operation: .sgInitTable(count: 16), result: "sg"),
    ]
    for index in 0..<16 {
      sg.append(Action(operation: .kmalloc(size: 4096, flags: .kernel), result: "b\(index)"))
      sg.append(
        Action(
          operation: .sgSetBuf(
            table: .variable("sg"), index: index, pointer: .variable("b\(index)"), length: 4096)))
    }
    sg += [
      Action(
        operation: .dmaMapSG(
          device: "spi0", table: .variable("sg"), count: 16, direction: .toDevice),
        result: "n"),
      Action(
        operation: .prepSlaveSG(
          channel: .variable("spi"), table: .variable("sg"), count: .variable("n"),
          direction: .memToDev, flags: .prepInterrupt), result: "d"),
      Action(operation: .submit(descriptor: .variable("d")), result: "c"),
      Action(operation: .issuePending(channel: .variable("spi"))),
      Action(operation: .waitForCompletion(cookie: .variable("c"))),
    ]
    var machine = Machine(board: .soc, program: Program(title: "sg", actions: sg))
    var start = ContinuousClock.now
    while machine.step() {}
    let sgSeconds = (ContinuousClock.now - start).seconds
    let sgRate = Double(machine.peripherals[2].outputCount) / max(sgSeconds, 1e-9) / 1024
    var descriptors: [Action] = [
      Action(operation: .dmaRequestChanByMask(capability: "DMA_MEMCPY"), result: "m"),
      Action(operation: .kmalloc(size: 64, flags: .kernel), result: "a"),
      Action(operation: .kmalloc(size: 64, flags: .kernel), result: "b"),
      Action(
        operation: .dmaMapSingle(
          device: "dma0", pointer: .variable("a"), size: 64, direction: .toDevice),
        result: "ha"),
      Action(
        operation: .dmaMapSingle(
          device: "dma0", pointer: .variable("b"), size: 64, direction: .fromDevice), result: "hb"),
    ]
    let count = 2_000
    for _ in 0..<count {
      descriptors += [
        Action(
          operation: .prepDmaMemcpy(
            channel: .variable("m"), destination: .variable("hb"), source: .variable("ha"),
            length: 8, flags: .prepInterrupt), result: "d"),
        Action(operation: .submit(descriptor: .variable("d")), result: "c"),
        Action(operation: .issuePending(channel: .variable("m"))),
        Action(operation: .waitForCompletion(cookie: .variable("c"))),
      ]
    }
    machine = Machine(board: .soc, program: Program(title: "descriptors", actions: descriptors))
    start = ContinuousClock.now
    while machine.step() {}
    let perSecond =
      Double(machine.cpu.completions.count) / max((ContinuousClock.now - start).seconds, 1e-9)
    return [
      BenchRow(
        figure: "scatter-gather, 16 x 4 KiB segments to a FIFO",
        value: String(format: "%.0f KiB/s", sgRate), target: "-", pass: nil),
      BenchRow(
        figure: "descriptors prep -> callback per second",
        value: String(format: "%.0f (%d done)", perSecond, machine.cpu.completions.count),
        target: "-", pass: nil),
    ]
  }

  /// Runs this executable with arguments; returns its standard output and the wall time.
  private func runChild(_ arguments: [String]) -> (output: String, seconds: Double)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    let start = ContinuousClock.now
    guard (try? process.run()) != nil else { return nil }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (output, (ContinuousClock.now - start).seconds)
  }

  /// The memory workload: on soc8g, take 256 MiB of CMA and write to it, then run the long
  /// transfer program with the debugger's history for `steps` steps.
  private func memoryWorkload() {
    var actions: [Action] = [
      Action(operation: .cmaAlloc(count: 65_536, align: 8), result: "big"),
      Action(
        operation: .cpuWrite(
          pointer: .variable("big"), offset: 0, bytes: [UInt8](repeating: 0x5a, count: 1 << 16))),
    ]
    actions += BenchPrograms.longTransfers(steps: steps).actions
    actions.append(Action(operation: .cmaRelease(pointer: .variable("big"), count: 65_536)))
    var debugger = Debugger(
      machine: Machine(board: .soc8G, program: Program(title: "memory", actions: actions)))
    var done = 0
    while done < steps, debugger.step() == .done { done += 1 }
    print(
      "steps: \(done), CMA used: \(debugger.machine.allocators.cmaAreas.first?.used ?? 0) pages")
    print("peak resident memory: \(ProcessMemory.peakResidentBytes() >> 20) MiB")
  }

  /// Times building a 200x60 frame of the default lesson mid-transfer.
  private func frameFigure() throws -> BenchRow {
    let lesson = LessonLibrary.defaultLesson
    guard let scenario = ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario
    else { throw UsageError("default lesson does not compile") }
    var model = AppModel(scenario: scenario, size: Size(width: 200, height: 60))
    for _ in 0..<40 { _ = model.update(.key(.character("s"))) }
    let rounds = 200
    let start = ContinuousClock.now
    var cells = 0
    for _ in 0..<rounds { cells &+= model.view().cells.count }
    let each = (ContinuousClock.now - start).seconds / Double(rounds)
    return BenchRow(
      figure: "build one 200x60 frame", value: String(format: "%.3f ms", each * 1000),
      target: "<= 2 ms", pass: each <= 0.002 && cells > 0)
  }
}
