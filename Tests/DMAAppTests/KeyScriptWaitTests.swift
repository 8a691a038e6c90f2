import DMAApp
import DMAScenario
import TermCanvas
import Testing

/// `<wait …>` in a `--keys` script: parsed with its column, bounded, refused where a key is
/// expected, and played as time that passes (ticks while running, a held frame otherwise).
@Suite struct KeyScriptWaitTests {
  private func session(_ script: String) throws -> Session {
    let lesson = LessonLibrary.defaultLesson
    let scenario = try #require(
      ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario)
    var session = Session(
      model: AppModel(scenario: scenario, size: Size(width: 100, height: 30)),
      source: lesson.source, fileName: lesson.fileName, themeName: "default", ascii: false,
      keepFrames: true)
    session.play(script: try KeyNotation.parseScript(script), keyInterval: 500)
    return session
  }

  @Test func waitsParseInSecondsAndMilliseconds() throws {
    #expect(
      try KeyNotation.parseScript("s<wait 2s>n<wait 1.5s><wait 250ms><wait  3s >q") == [
        .key(.character("s")), .wait(milliseconds: 2000), .key(.character("n")),
        .wait(milliseconds: 1500), .wait(milliseconds: 250), .wait(milliseconds: 3000),
        .key(.character("q")),
      ])
  }

  @Test func badWaitsNameTheirColumnAndTheForm() {
    for (text, column) in [
      ("ss<wait>", 3), ("<wait 2>", 1), ("s<wait -1s>", 2), ("<wait 0ms>", 1),
      ("<wait 601s>", 1), ("<wait 1.2345s>", 1), ("<wait 2h>", 1), ("<wait ½s>", 1),
      ("<wait 9223372036854775807ms>", 1),
    ] {
      do {
        _ = try KeyNotation.parseScript(text)
        Issue.record("accepted \(text)")
      } catch {
        #expect(error.column == column, "\(text): \(error)")
        #expect(error.message.contains("<wait 2s>"), "\(text): \(error)")
      }
    }
  }

  @Test func aWaitIsNotAKeyWhereOneKeyIsExpected() {
    do {
      _ = try KeyNotation.parse("s<wait 2s>")
      Issue.record("a wait parsed as a key")
    } catch {
      #expect(error.description == "column 2: <wait …> pauses a --keys script; it is not a key")
    }
  }

  @Test func aWaitWithNothingRunningHoldsTheFrameInTheCast() throws {
    let plain = try session("ss")
    let waited = try session("s<wait 3s>s")
    // Same screens, same simulation: the wait only moves time.
    #expect(plain.frames.map(\.buffer) == waited.frames.map(\.buffer))
    #expect(waited.frames.last?.wait == 3000)
    #expect(waited.recording.events.last?.time == 500 + 3000 + 500)
    let castTimes = { (session: Session) -> [String] in
      AsciicastWriter.cast(
        frames: session.frames, width: 100, height: 30, title: "t", pace: 0.05
      ).split(separator: "\n").filter { $0.contains("\"o\"") }.map {
        String($0.prefix(while: { $0 != "," }))
      }
    }
    let plainTimes = castTimes(plain)
    let waitedTimes = castTimes(waited)
    #expect(plainTimes.count == waitedTimes.count)
    #expect(plainTimes.last == "[0.100000")
    #expect(waitedTimes.last == "[3.100000")
  }

  @Test func aWaitAfterTheLastKeyHoldsTheEndOfTheCast() throws {
    let waited = try session("s<wait 2s>")
    #expect(waited.trailingHold == 2000)
    let cast = AsciicastWriter.cast(
      frames: waited.frames, width: 100, height: 30, title: "t", pace: 0.05,
      trailingHold: waited.trailingHold)
    #expect(cast.hasSuffix("[2.050000, \"m\", \"end\"]\n"))
  }

  @Test func aWaitWhileRunningLetsTicksFlow() throws {
    // Space plays to the next stop; a wait right after it lets the run's ticks arrive then.
    let waited = try session("<Space><wait 2s>")
    let ticks = waited.recording.events.filter {
      if case .tick = $0.message { return true }
      return false
    }
    #expect(!ticks.isEmpty)
    #expect(ticks.allSatisfy { $0.time <= 500 + 2000 || !waited.model.running })
  }
}
