import DMAApp
import DMAPanels
import DMAScenario
import DMASim
import TermCanvas
import Testing

/// Lecture pacing: Space plays a lesson to the next narration, `pause` or `ask` and stops
/// there; `r` (or `:set pacing free`) runs past narrations; the speed shows in the status bar.
@Suite struct LecturePacingTests {
  /// Sends ticks until the run stops (or a limit); returns how many were sent.
  @discardableResult
  static func tickUntilStopped(_ model: inout AppModel, limit: Int = 200_000) -> Int {
    var ticks = 0
    while model.running, ticks < limit {
      _ = model.update(.tick)
      ticks += 1
    }
    return ticks
  }

  /// The narrations a step logged (`say` entries of the current step).
  static func saysOfLastStep(_ model: AppModel) -> [String] {
    let step = model.machine.stepCount
    return model.machine.log.suffix(64).filter { $0.step == step && $0.function == "say" }
      .map(\.message)
  }

  @Test func spaceStopsAtTheNextNarration() throws {
    var model = try AppFixtures.lessonModel("tour", steps: 0)
    #expect(model.machine.narration?.hasPrefix("Welcome.") == true)
    _ = model.update(.key(.character(" ")))
    #expect(model.running)
    #expect(model.view().plainText.contains("playing 10/s"))
    Self.tickUntilStopped(&model)
    #expect(!model.running)
    // It stopped in the step of the next say, the first panel's narration, not later.
    #expect(Self.saysOfLastStep(model).first?.hasPrefix("Panel 1, Address spaces") == true)
    #expect(model.view().plainText.contains("paused 10/s"))
    // The next Space stops on the pause, where the cache panel's narration runs.
    _ = model.update(.key(.character(" ")))
    Self.tickUntilStopped(&model)
    #expect(model.machine.lastTouch.pause)
    #expect(model.machine.narration?.hasPrefix("Panel 2, Cache") == true)
    #expect(model.message == "checkpoint at step \(model.machine.stepCount): Space plays on")
  }

  @Test func rRunsPastNarrationsToThePause() throws {
    var model = try AppFixtures.lessonModel("tour", steps: 0)
    _ = model.update(.key(.character("r")))
    #expect(model.view().plainText.contains("running 10/s"))
    Self.tickUntilStopped(&model)
    // Past "Panel 1" to the first pause.
    #expect(model.machine.lastTouch.pause)
    #expect(model.machine.narration?.hasPrefix("Panel 2, Cache") == true)
    // r during a lecture run lets it run on instead of pausing it.
    _ = model.update(.key(.character(" ")))
    _ = model.update(.key(.character("r")))
    #expect(model.running)
    Self.tickUntilStopped(&model)
    #expect(model.machine.lastTouch.pause)
    #expect(model.machine.narration?.hasPrefix("Panel 5, Page tables") == true)
  }

  @Test func setPacingFreeAndSpeedFromTheCommandLine() throws {
    var model = try AppFixtures.lessonModel("tour", steps: 0)
    AppFixtures.type(":set pacing free", into: &model)
    _ = model.update(.key(.enter))
    #expect(model.pacing == .free)
    _ = model.update(.key(.character(" ")))
    Self.tickUntilStopped(&model)
    #expect(model.machine.narration?.hasPrefix("Panel 2, Cache") == true)
    AppFixtures.type(":set pacing slide", into: &model)
    _ = model.update(.key(.enter))
    #expect(model.message == "pacing is lecture or free, not slide")
    AppFixtures.type(":set speed 7", into: &model)
    _ = model.update(.key(.enter))
    #expect(model.message == "speed is one of 1 2 5 10 20 50 100 200 500 1000 steps/s")
    AppFixtures.type(":set speed 50", into: &model)
    _ = model.update(.key(.enter))
    #expect(model.stepsPerSecond == 50)
    _ = model.update(.key(.character("-")))
    #expect(model.message == "speed 20 steps/s")
    #expect(model.view().plainText.contains("paused 20/s"))
  }

  /// Played with Space alone (Esc skipping each question), every lesson stops at every one
  /// of its narrations with the text in the narration area, and reaches its end.
  @Test(arguments: LessonLibrary.all.map(\.name))
  func everyNarrationOfALessonIsAStop(_ name: String) throws {
    var model = try AppFixtures.lessonModel(name, steps: 0)
    var shown = Set(NarrationPanel.narrations(of: model.machine))
    var presses = 0
    while !model.machine.isFinished, presses < 1000 {
      if model.quiz != nil {
        _ = model.update(.key(.escape))
        _ = model.update(.key(.escape))
        continue
      }
      _ = model.update(.key(.character(" ")))
      presses += 1
      Self.tickUntilStopped(&model)
      shown.formUnion(NarrationPanel.narrations(of: model.machine))
    }
    #expect(model.machine.isFinished, "\(name) did not finish after \(presses) presses")
    let said = Set(
      model.machine.program.actions.compactMap { action -> String? in
        if case .say(let text) = action.operation { return text }
        return nil
      })
    #expect(said.subtracting(shown).isEmpty, "\(name): never on screen at a stop")
    #expect(presses >= said.count / 2, "\(name): \(presses) presses for \(said.count) says")
  }
}
