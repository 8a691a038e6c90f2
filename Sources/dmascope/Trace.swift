import ArgumentParser
import DMATrace
import DMATraceUI
import TermCanvas

/// `dmascope trace`: a real kernel's ftrace DMA events in the live views, checked offline.
struct Trace: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Step through a real kernel's ftrace dma/cma/swiotlb/iommu events.",
    discussion: """
      FILE is ftrace text: /sys/kernel/tracing/trace, trace_pipe, or `trace-cmd report`, of \
      the dma:*, cma:*, swiotlb:* and iommu:* events (Linux 6.10 onward; record them with \
      trace_event=dma:*,cma:*,swiotlb:*,iommu:* on the kernel command line). Keys in the UI: \
      s step, S step back, c continue, / find, w why, :break EVENT if dev == NAME, ? help, \
      q quit.
      """)

  @ArgumentParser.Argument(help: "The trace file.")
  var file: String

  @Flag(help: "Print one frame as plain text instead of opening the terminal UI.")
  var headless = false

  @Option(help: "With --headless: how many events to apply before printing (default: all).")
  var steps: Int?

  @Option(help: "With --headless: the frame size as WIDTHxHEIGHT (1 to 1000 each).")
  var size: FrameSize = FrameSize(width: 120, height: 40)

  @Option(help: "Colour theme: default, monochrome, high-contrast (NO_COLOR selects monochrome).")
  var theme: String?

  @Flag(help: "Draw with ASCII characters only (for terminals without Unicode).")
  var ascii = false

  @Flag(help: "Replay the events as JSON, one object per event, instead of drawing.")
  var json = false

  @Flag(
    help: """
      Print the offline checks (kernel/dma/debug.c's wording, with trace lines), the mappings \
      still live at the end per device and the lines skipped, instead of drawing.
      """)
  var check = false

  @Flag(help: "Exit 2 when a check finds anything or a line cannot be read.")
  var strict = false

  @Option(
    help: """
      Write the findings as JSON to this file (the format of `run --headless --report`: \
      line, step, kind (the check), function (the event), message).
      """)
  var report: String?

  @Option(help: "Write the findings as JUnit XML to this file (as `run --headless --junit`).")
  var junit: String?

  func validate() throws {
    if let steps, steps < 0 {
      throw ValidationError("--steps must be 0 or more (got \(steps))")
    }
    if steps != nil, !headless { throw ValidationError("--steps goes with --headless") }
    if [headless, json, check].filter({ $0 }).count > 1 {
      throw ValidationError("choose one of --headless, --json and --check")
    }
    if let theme, Theme.named(theme) == nil {
      throw ValidationError(
        "unknown theme '\(theme)'; use one of: \(Theme.all.map(\.name).joined(separator: ", "))")
    }
  }

  func run() throws {
    var outputs: [(option: String, path: OutputPath)] = []
    if let report { outputs.append(("--report", try OutputPath(report))) }
    if let junit { outputs.append(("--junit", try OutputPath(junit))) }
    try OutputPath.refuseShared(outputs, inputs: [file])
    let name = file.split(separator: "/").last.map(String.init) ?? file
    var reader = TraceReader(fileName: file)
    try FileReader.forEachLine(file) { bytes, number in reader.read(bytes, number: number) }
    // A file with no event at all is probably not a trace: three reports say so.
    for diagnostic in reader.diagnostics.prefix(reader.events.isEmpty ? 3 : Int.max) {
      Output.error(diagnostic.description)
    }
    let shown = min(reader.diagnostics.count, reader.events.isEmpty ? 3 : Int.max)
    if reader.errorCount > shown {
      Output.error("\(file): \(reader.errorCount - shown) more lines could not be read")
    }
    if reader.events.isEmpty, !json {
      throw UsageError(
        "\(file): no dma, cma, swiotlb or iommu events in \(reader.headerLines) header and "
          + "\(reader.skipped.values.reduce(0, +)) other event lines",
        hint: "record with trace_event=dma:*,cma:*,swiotlb:*,iommu:* (Linux 6.10 or later)")
    }
    let analysis = TraceAnalysis(events: reader.events)
    if let report { try FileWriter.write(TraceReport.json(analysis, fileName: name), to: report) }
    if let junit { try FileWriter.write(TraceReport.junit(analysis, fileName: name), to: junit) }
    let failing = strict && (!analysis.findings.isEmpty || reader.errorCount > 0)
    if json {
      var state = TraceState()
      var findingIndex = 0
      for (index, event) in analysis.events.enumerated() {
        state.apply(event, index: index)
        var mine: [TraceFinding] = []
        while findingIndex < analysis.findings.count,
          analysis.findings[findingIndex].eventIndex == index
        {
          mine.append(analysis.findings[findingIndex])
          findingIndex += 1
        }
        print(TraceJSON.object(event, index: index, findings: mine, state: state))
      }
    } else if check {
      print(TraceReport.text(analysis: analysis, reader: reader, fileName: name))
    } else if headless {
      var viewer = TraceViewer(
        analysis: analysis, fileName: name, size: Size(width: size.width, height: size.height),
        theme: Environment.theme(named: theme), glyphs: ascii ? .ascii : .unicode)
      viewer.step(steps ?? analysis.events.count)
      print(viewer.view().plainText)
    } else {
      guard Environment.hasTerminal else {
        throw UsageError(
          "no terminal to draw on", hint: "use --headless, --check or --json, or run in a terminal")
      }
      let session = TraceSession(
        analysis: analysis, fileName: name, theme: Environment.theme(named: theme),
        glyphs: ascii ? .ascii : .unicode)
      if let signal = try session.run() { throw ExitCode(128 + signal) }
    }
    if failing {
      if !check {
        for finding in analysis.findings.prefix(20) {
          Output.error(finding.rendered(fileName: file))
        }
      }
      throw ExitCode(2)
    }
  }
}
