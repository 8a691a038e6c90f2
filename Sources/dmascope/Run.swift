import ArgumentParser
import DMAApp
import DMAScenario
import DMASim
import TermCanvas

/// `dmascope run`: open a lesson in the terminal, or print its frame headless.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a lesson or scenario file in the terminal UI (or headless).",
    discussion: """
      LESSON is a built-in lesson name (see `dmascope lessons`) or a scenario file. \
      Keys in the UI: s step, S step back, space run/pause, ? help, q quit.
      """)

  @ArgumentParser.Argument(
    help: "A built-in lesson name or a scenario file (default: the tour).")
  var lesson: String?

  @Flag(help: "Run without a terminal and print the final frame as plain text.")
  var headless = false

  @Option(
    help: """
      With --headless: how many simulation events to step before printing (default: run to \
      the end of the scenario, at most 10000000 events; a run that reaches that limit \
      fails with status 3 and names the expectations it did not evaluate).
      """)
  var steps: Int?

  @Option(
    help: """
      With --headless and no --steps: the most events to run (1 to 10000000, default \
      10000000); a run that reaches it fails with status 3.
      """)
  var eventLimit: Int = RunLimitReport.eventLimit

  @Option(
    help: """
      The resident-memory budget in MiB (64 to 1048576, default 1024); a quarter of it holds \
      the checkpoints for stepping back, and a run (headless or in the UI) that passes it \
      stops and fails with status 3.
      """)
  var memoryLimit: Int = RunLimitReport.memoryLimitMegabytes

  @Option(help: "With --headless: the frame size as WIDTHxHEIGHT (1 to 1000 each).")
  var size: FrameSize = FrameSize(width: 100, height: 30)

  @Option(help: "Colour theme: default, monochrome, high-contrast (NO_COLOR selects monochrome).")
  var theme: String?

  @Flag(help: "Draw with ASCII characters only (for terminals without Unicode).")
  var ascii = false

  @Flag(help: "With --headless: print the event log as JSON lines instead of the frame.")
  var json = false

  @Option(
    help: """
      With --headless: answers to the lesson's questions, in order, comma-separated (a choice \
      or its number). Without it every question is skipped; either way stderr says which.
      """)
  var answers: String?

  @Flag(help: "Ignore the mouse (clicks otherwise focus panels and select rows and cells).")
  var noMouse = false

  @Flag(
    help: """
      With --headless: exit 2 when the driver does anything dma-debug, the coherency checks, \
      the IOMMU, KASAN or a wait reports, naming each as file:line: kind: message on stderr.
      """)
  var strict = false

  @Option(help: "With --headless: write every finding and expectation result to this JSON file.")
  var report: String?

  @Option(help: "With --headless: write the findings and expectations as JUnit XML to this file.")
  var junit: String?

  /// Prints the entries appended after the first `printed`; returns the new count.
  private func printLog(_ log: EventLog, after printed: Int) -> Int {
    for entry in log.suffix(log.count - printed) { print(entry.jsonLine) }
    return log.count
  }

  func validate() throws {
    if json, !headless { throw ValidationError("--json goes with --headless") }
    if !headless, strict || report != nil || junit != nil {
      throw ValidationError("--strict, --report and --junit go with --headless")
    }
    if let steps, steps < 0 || steps > 10_000_000 {
      throw ValidationError("--steps must be between 0 and 10000000 (got \(steps))")
    }
    if eventLimit < 1 || eventLimit > RunLimitReport.eventLimit {
      throw ValidationError(
        "--event-limit must be between 1 and \(RunLimitReport.eventLimit) (got \(eventLimit))")
    }
    if memoryLimit < 64 || memoryLimit > 1 << 20 {
      throw ValidationError(
        "--memory-limit must be between 64 and 1048576 MiB (got \(memoryLimit))")
    }
    if let theme, Theme.named(theme) == nil {
      throw ValidationError(
        "unknown theme '\(theme)'; use one of: \(Theme.all.map(\.name).joined(separator: ", "))")
    }
  }

  func run() throws {
    // Check the outputs before the run: a device, fifo or folder is refused, and so are two
    // options naming one file (only the last would be kept) or an output naming the scenario.
    var outputs: [(option: String, path: OutputPath)] = []
    if let report { outputs.append(("--report", try OutputPath(report))) }
    if let junit { outputs.append(("--junit", try OutputPath(junit))) }
    try OutputPath.refuseShared(outputs, inputs: [lesson])
    let loaded = try ScenarioLoader.loadWithSource(lesson)
    let scenario = loaded.scenario
    let chosenTheme = Environment.theme(named: theme)
    let glyphs: Glyphs = ascii ? .ascii : .unicode
    if headless {
      var model = AppModel(
        scenario: scenario, size: Size(width: size.width, height: size.height), theme: chosenTheme,
        glyphs: glyphs, historyByteBudget: History.byteBudget(memoryLimit: memoryLimit << 20))
      var printed = 0
      var findings = RunFindingCollector()
      findings.collect(from: model.machine.log)
      var stoppedBy: String?
      var quizzes = HeadlessQuiz(answers: answers)
      let memoryBudget = memoryLimit << 20
      for done in 0..<(steps ?? eventLimit) {
        if model.machine.isFinished { break }
        // Resident memory is read every 16384 events (a /proc read), so the budget is held
        // to within what that many events can allocate.
        if done & 0x3fff == 0x3fff, ProcessMemory.residentBytes() > memoryBudget {
          stoppedBy = "the memory limit (\(memoryLimit) MiB resident)"
          break
        }
        // A question takes the next of --answers, or is skipped; the run goes on either way.
        quizzes.meet(&model)
        _ = model.update(.key(.character("s")))
        findings.collect(from: model.machine.log)
        if json { printed = printLog(model.machine.log, after: printed) }
      }
      if json {
        _ = printLog(model.machine.log, after: printed)
      } else {
        print(model.view().plainText)
      }
      let runReport = RunReport(
        fileName: loaded.fileName, findings: findings.findings,
        expectations: model.machine.expectationResults, steps: model.machine.stepCount)
      if let report { try FileWriter.write(runReport.json, to: report) }
      if let junit { try FileWriter.write(runReport.junit, to: junit) }
      if strict {
        for finding in runReport.findings { Output.error(finding.text(fileName: loaded.fileName)) }
      }
      // Without --steps, a run that is not finished stopped at the event limit; any run may
      // stop at the memory limit. Say which and fail, after reporting the expectations it did
      // evaluate.
      if stoppedBy == nil, steps == nil, !model.machine.isFinished {
        stoppedBy = "the event limit (\(eventLimit) events)"
      }
      if let stoppedBy {
        var expectations = ExpectationReport(
          fileName: loaded.fileName, machine: model.machine, outcomes: quizzes.outcomes,
          quizSummary: quizzes.summary(model.quizScore))
        expectations.stoppedAtLimit = true
        try? expectations.finish()
        try RunLimitReport(limit: stoppedBy, fileName: loaded.fileName, machine: model.machine)
          .fail()
      }
      try ExpectationReport(
        fileName: loaded.fileName, machine: model.machine, outcomes: quizzes.outcomes,
        quizSummary: quizzes.summary(model.quizScore)
      ).finish()
      if strict, !runReport.findings.isEmpty {
        Output.error(
          "\(loaded.fileName): --strict: \(runReport.findings.count) finding"
            + "\(runReport.findings.count == 1 ? "" : "s")")
        throw ExitCode(2)
      }
      return
    }
    guard Environment.hasTerminal else {
      throw UsageError(
        "no terminal: standard input and output must be a TTY for the interactive UI",
        hint: "use `dmascope run --headless --steps N --size 100x30` to print a frame instead")
    }
    let session = InteractiveSession(
      scenario: scenario, theme: chosenTheme, glyphs: glyphs, source: loaded.source,
      fileName: loaded.fileName, inputPaths: lesson.map { [$0] } ?? [], mouse: !noMouse,
      memoryLimitMegabytes: memoryLimit)
    if let signal = try session.run() {
      // The terminal is restored; exit the way a shell expects after a fatal signal.
      throw ExitCode(128 + signal)
    }
  }
}

/// A `WIDTHxHEIGHT` option value.
struct FrameSize: ExpressibleByArgument {
  var width: Int
  var height: Int

  init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  init?(argument: String) {
    let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
    guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
      (1...1000).contains(width), (1...1000).contains(height)
    else { return nil }
    self.init(width: width, height: height)
  }

  var defaultValueDescription: String { "\(width)x\(height)" }
}
