import DMAScenario
import DMASim
import Foundation
import Testing

/// The built-in lessons compile, run to the end without driver mistakes unless they teach one,
/// and match the copies in `demos/`.
@Suite struct LessonLibraryTests {
  @Test(arguments: LessonLibrary.all.map(\.name))
  func lessonCompilesAndRuns(_ name: String) throws {
    let lesson = try #require(LessonLibrary.lesson(named: name))
    let result = ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    var steps = 0
    while machine.step() && steps < 100_000 { steps += 1 }
    #expect(machine.isFinished)
    #expect(machine.cpu.finished)
  }

  @Test(arguments: LessonLibrary.all.map(\.name))
  func demosFolderHoldsTheSameSource(_ name: String) throws {
    let lesson = try #require(LessonLibrary.lesson(named: name))
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let file = root.appendingPathComponent("demos/\(name).dms")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text == lesson.source + "\n", "demos/\(name).dms differs from the built-in lesson")
  }

  @Test func defaultLessonSendsTheCPUsBytes() throws {
    let lesson = LessonLibrary.defaultLesson
    let scenario = try #require(ScenarioCompiler.compile(lesson.source, fileName: "x").scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    while machine.step() {}
    #expect(
      String(decoding: machine.peripherals[0].output, as: UTF8.self).hasPrefix("Hello, DMA world"))
    #expect(machine.log.entries.allSatisfy { $0.source != .debug })
  }

  @Test func missingCleanLessonShowsStaleZerosThenTheFix() throws {
    let lesson = try #require(LessonLibrary.lesson(named: "missing-clean"))
    let scenario = try #require(ScenarioCompiler.compile(lesson.source, fileName: "x").scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    while machine.step() {}
    let output = machine.peripherals[0].output
    #expect(output.count == 128)
    #expect(output.prefix(64).allSatisfy { $0 == 0 })
    #expect(
      String(decoding: output.suffix(64), as: UTF8.self).hasPrefix("Data the device must send"))
  }
}
