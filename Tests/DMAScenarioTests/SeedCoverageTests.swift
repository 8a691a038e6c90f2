import DMABoards
import DMAScenario
import DMASim
import Foundation
import Testing

/// `demos/README.md`'s table of seed items (issue 19 item 6): every listed lesson step's event
/// log, narration left out, contains the item's text, and every listed board's boot log does.
@Suite struct SeedCoverageTests {
  static let table: SeedCoverageTable = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let text =
      (try? String(contentsOf: root.appendingPathComponent("demos/README.md"), encoding: .utf8))
    return SeedCoverageTable(markdown: text ?? "")
  }()

  /// The lessons the table names, each once.
  static var lessons: [String] {
    var names: [String] = []
    for row in table.rows {
      if case .lesson(let name, _) = row.place, !names.contains(name) { names.append(name) }
    }
    return names
  }

  /// The kernel, hardware and dma-debug lines of `lesson`'s event log at each of `steps`.
  static func logs(of lesson: String, at steps: Set<Int>) throws -> [Int: [String]] {
    let source = try #require(LessonLibrary.lesson(named: lesson), "no lesson \(lesson)")
    let compiled = ScenarioCompiler.compile(source.source, fileName: source.fileName)
    let scenario = try #require(compiled.scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    var logs: [Int: [String]] = [:]
    func keep(_ entries: [LogEntry]) {
      for entry in entries where entry.source != .narration && steps.contains(entry.step) {
        logs[entry.step, default: []].append(
          entry.function + " " + entry.message + " " + (entry.detail ?? ""))
      }
    }
    keep(machine.log.entries)
    let last = steps.max() ?? 0
    while machine.stepCount <= last, machine.step() { keep(machine.entriesOfLastStep) }
    return logs
  }

  /// Whether some line of `logs` at `step` contains `text`.
  static func shows(_ logs: [Int: [String]], _ text: String, at step: Int) -> Bool {
    logs[step, default: []].contains { $0.contains(text) }
  }

  @Test func everyRowFollowsTheFormat() {
    #expect(Self.table.problems.isEmpty, "\(Self.table.problems)")
    #expect(Self.table.rows.count >= 100)
    let seeds = Set(Self.table.rows.map(\.seed))
    #expect(seeds == ["000", "001", "002", "003", "004"])
    for row in Self.table.rows {
      if case .lesson(let name, _) = row.place {
        #expect(LessonLibrary.lesson(named: name) != nil, "line \(row.line): no lesson \(name)")
      }
    }
  }

  @Test(arguments: lessons)
  func eachListedStepShowsItsItem(_ lesson: String) throws {
    var wanted: [(SeedCoverageTable.Row, Int)] = []
    for row in Self.table.rows {
      if case .lesson(let name, let step) = row.place, name == lesson { wanted.append((row, step)) }
    }
    let logs = try Self.logs(of: lesson, at: Set(wanted.map(\.1)))
    for (row, step) in wanted {
      let found = Self.shows(logs, row.text, at: step)
      #expect(
        found,
        "demos/README.md:\(row.line): \(lesson) step \(step) has no kernel, hardware or dma-debug line with '\(row.text)' (\(row.item))"
      )
    }
  }

  @Test func eachListedBoardBootPrintsItsLine() throws {
    for row in Self.table.rows {
      guard case .boot(let board) = row.place else { continue }
      let loaded = try #require(try BoardLoader.builtIn(board), "no board \(board)")
      let lines = try EarlyBoot.run(loaded.description, profile: .arm64).logLines()
      let found = lines.contains { $0.contains(row.text) }
      #expect(
        found,
        "demos/README.md:\(row.line): 'dmascope boot \(board)' prints no line with '\(row.text)'")
    }
  }

  /// The check can fail: the first listed step of first-transfer shows its item, the step
  /// before it (and a text no log has) do not.
  @Test func aWrongStepOrTextIsCaught() throws {
    let logs = try Self.logs(of: "first-transfer", at: [0, 1, 2])
    #expect(Self.shows(logs, "dma_request_chan", at: 1))
    #expect(!Self.shows(logs, "dma_request_chan", at: 0))
    #expect(!Self.shows(logs, "dma_request_chan", at: 2))
    #expect(!Self.shows(logs, "no such kernel text", at: 1))
    // A narration line does not count: step 0's say names the request, its log does not.
    #expect(!Self.shows(logs, "asks for the channel", at: 0))
    let broken = SeedCoverageTable(
      markdown: SeedCoverageTable.heading
        + "\n| Seed | Kind | Item | Lesson | Step | Its log at that step shows |\n|---|---|---|---|---|---|\n"
        + "| 000 | API | x | not yet | – | no issue named |\n| 001 | API | y | `tour` | two | `z` |\n"
    )
    #expect(broken.rows.isEmpty)
    #expect(broken.problems.count == 2)
  }
}
