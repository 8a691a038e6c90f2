import DMAScenario
import DMASim
import Testing

/// A `say` (or `ask`) runs as soon as the action before it returns and before the action after
/// it runs anything, so the screen at that moment holds the state the narration describes.
@Suite struct NarrationMomentTests {
  private func machine(_ name: String) throws -> Machine {
    let lesson = try #require(LessonLibrary.lesson(named: name))
    let scenario = try #require(
      ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario)
    return Machine(board: scenario.board, program: scenario.program)
  }

  /// The tour's "The store left a dirty line; RAM still holds zeros." shows while the line is
  /// dirty and RAM holds zeros; the next step is `dma_map_single`'s clean.
  @Test func theToursDirtyLineIsOnScreenWithItsNarration() throws {
    var machine = try machine("tour")
    var steps = 0
    while machine.narration?.contains("The store left a dirty line") != true, steps < 1000 {
      machine.step()
      steps += 1
    }
    #expect(machine.narration?.contains("RAM still holds zeros") == true)
    let buffer = try #require(machine.allocators.allocations.first)
    let views = try #require(machine.views(of: buffer.physical, count: 16, device: "spi0"))
    #expect(String(decoding: views.bytes.map(\.cpu), as: UTF8.self) == "A tour of DMA!! ")
    #expect(views.bytes.allSatisfy { $0.ram == 0 })
    #expect(machine.entriesOfLastStep.allSatisfy { $0.function != "dc cvac" })
    machine.step()
    #expect(machine.entriesOfLastStep.contains { $0.function == "dc cvac" })
  }

  /// The opening narration shows at step 0, before the first action.
  @Test func theOpeningNarrationShowsAtStepZero() throws {
    let machine = try machine("tour")
    #expect(machine.stepCount == 0)
    #expect(machine.narration?.hasPrefix("Welcome.") == true)
    #expect(machine.cpu.currentAction == nil)
  }

  /// In every lesson, nothing of the next action is logged in the step of a `say` or `ask`
  /// after it: the rest of that step is other narration, expectations and questions.
  @Test(arguments: LessonLibrary.all.map(\.name))
  func nothingRunsAfterANarrationInItsStep(_ name: String) throws {
    var machine = try machine(name)
    var narrations = 0
    var steps = 0
    repeat {
      let entries = machine.entriesOfLastStep
      for (index, entry) in entries.enumerated() where ["say", "ask"].contains(entry.function) {
        narrations += 1
        let foreign = entries[(index + 1)...].filter {
          !["say", "ask", "expect"].contains($0.function)
        }
        #expect(
          foreign.isEmpty,
          "\(name) step \(entry.step) line \(entry.line): after \"\(entry.message)\": \(foreign.map(\.message))"
        )
      }
      steps += 1
    } while machine.step() && steps < 200_000
    #expect(narrations > 0)
  }
}
