import DMAApp
import DMAScenario
import DMASim
import TermCanvas
import Testing

/// A lecture never crawls: played with Space at the default speed, the wall time between two
/// stops (the timer intervals the model asks for, summed over the ticks of the run) is at
/// most `AppModel.longestLectureRun`, however many steps the stretch takes.
@Suite struct LectureGapTests {
  /// The stops of a lesson played with Space (Esc skipping questions): for each run, its
  /// steps and its wall time in milliseconds.
  static func runs(_ name: String) throws -> [(steps: Int, milliseconds: Int, at: Int)] {
    var model = try AppFixtures.lessonModel(name, steps: 0, size: Size(width: 100, height: 30))
    var runs: [(steps: Int, milliseconds: Int, at: Int)] = []
    var presses = 0
    while !model.machine.isFinished, presses < 1000 {
      if model.quiz != nil {
        _ = model.update(.key(.escape))
        _ = model.update(.key(.escape))
        continue
      }
      let before = model.machine.stepCount
      _ = model.update(.key(.character(" ")))
      presses += 1
      var milliseconds = 0
      var ticks = 0
      while model.running, ticks < 1_000_000 {
        milliseconds += model.tickIntervalMilliseconds
        _ = model.update(.tick)
        ticks += 1
      }
      runs.append((model.machine.stepCount - before, milliseconds, before))
    }
    return runs
  }

  @Test(arguments: LessonLibrary.all.map(\.name))
  func everyRunBetweenTwoStopsTakesAtMostSixSeconds(_ name: String) throws {
    let runs = try Self.runs(name)
    #expect(!runs.isEmpty)
    for run in runs {
      #expect(
        run.milliseconds <= AppModel.longestLectureRun,
        "\(name): \(run.steps) steps from step \(run.at) took \(run.milliseconds) ms")
    }
  }

  /// dma-buf-sharing's longest stretch (9217 steps, 15 minutes at 10 steps/s) plays fast,
  /// and the status bar says so while it does; a short stretch keeps the chosen speed.
  @Test func aLongStretchPlaysFastAndSaysSo() throws {
    var model = try AppFixtures.lessonModel("dma-buf-sharing", steps: 0)
    _ = model.update(.key(.character(" ")))
    #expect(model.fastForward == nil)
    #expect(model.view().plainText.contains("playing 10/s"))
    while model.running { _ = model.update(.tick) }
    _ = model.update(.key(.character(":")))
    AppFixtures.type("goto 5160", into: &model)
    _ = model.update(.key(.enter))
    _ = model.update(.key(.character(" ")))
    let fast = try #require(model.fastForward)
    #expect(fast.steps > 9000)
    #expect(model.view().plainText.contains("fast \(fast.stepsPerSecond)/s"))
    // r runs on at the chosen speed instead.
    _ = model.update(.key(.character("r")))
    #expect(model.fastForward == nil)
    #expect(model.tickIntervalMilliseconds == 100)
  }

  @Test func speedTextIsSingularForOneStep() throws {
    var model = try AppFixtures.lessonModel("tour", steps: 0)
    for _ in 0..<5 { _ = model.update(.key(.character("-"))) }
    #expect(model.message == "speed 1 step/s")
    _ = model.update(.key(.character("+")))
    #expect(model.message == "speed 2 steps/s")
  }
}
