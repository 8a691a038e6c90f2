import DMAApp
import DMAPanels
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
    var longest = 0
    var presses = 0
    while (model.fastForward?.steps ?? 0) < 9000, !model.machine.isFinished, presses < 100 {
      while model.running { _ = model.update(.tick) }
      if model.quiz != nil {
        _ = model.update(.key(.escape))
        _ = model.update(.key(.escape))
      }
      _ = model.update(.key(.character(" ")))
      presses += 1
      longest = max(longest, model.fastForward?.steps ?? 0)
    }
    #expect(longest > 9000)
    let perSecond = model.fastForward?.stepsPerSecond ?? 0
    #expect(model.view().plainText.contains("fast \(perSecond)/s"))
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

/// One teaching point per stop: no step of a lesson logs two narrations, and descriptor-ring's
/// bug stop shows the bug itself, not only its narration.
@Suite struct OnePointPerStopTests {
  @Test(arguments: LessonLibrary.all.map(\.name))
  func noStepNarratesTwice(_ name: String) throws {
    var model = try AppFixtures.lessonModel(name, steps: 0)
    var says: [Int: Int] = [:]
    var ticks = 0
    _ = model.update(.key(.character(":")))
    AppFixtures.type("set pacing free", into: &model)
    _ = model.update(.key(.enter))
    while !model.machine.isFinished, ticks < 100_000 {
      ticks += 1
      if model.quiz != nil {
        _ = model.update(.key(.escape))
        _ = model.update(.key(.escape))
        continue
      }
      _ = model.update(.key(.character("s")))
    }
    for entry in model.machine.log.suffix(model.machine.log.retainedCount)
    where entry.function == "say" {
      says[entry.step, default: 0] += 1
    }
    let twice = says.filter { $0.value > 1 }.keys.sorted()
    #expect(twice.isEmpty, "\(name): steps \(twice) show two narrations at once")
  }

  /// At "Frame 1 is lost", the address pane shows the ring (entry 1 handed back: address 0,
  /// OWN clear) and the queue panel eth0's wire with only frame 0's 64 bytes; the fix is not
  /// on screen yet.
  @Test func theDescriptorRingBugStopShowsTheBug() throws {
    var model = try AppFixtures.lessonModel("descriptor-ring", steps: 0)
    var presses = 0
    while !(model.machine.narration?.hasPrefix("Frame 1 is lost") ?? false), presses < 50 {
      _ = model.update(.key(.character(" ")))
      while model.running { _ = model.update(.tick) }
      presses += 1
    }
    let text = model.view().plainText
    #expect(model.selectedBuffer?.name == "ring")
    #expect(text.contains("ring dma_alloc_coherent"))
    #expect(text.contains("eth0 TX ring"))
    #expect(text.contains("wire 64B"))
    #expect(NarrationPanel.narrations(of: model.machine).count == 1)
    #expect(!model.machine.log.suffix(40).contains { $0.message.hasPrefix("Entry 2") })
  }
}
