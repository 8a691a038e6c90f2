import DMAApp
import DMAPanels
import DMAScenario
import DMASim
import TermCanvas
import Testing

/// `<` and `>` page through earlier narrations without stepping back; the status row's arrow
/// and the source pane's mean the same statement; a question hides the panels until answered.
@Suite struct NarrationHistoryTests {
  static func playStops(_ count: Int, _ model: inout AppModel) {
    for _ in 0..<count {
      _ = model.update(.key(.character(" ")))
      while model.running { _ = model.update(.tick) }
    }
  }

  @Test func lessAndGreaterPageThroughEarlierNarrations() throws {
    var model = try AppFixtures.lessonModel("tour", steps: 0, size: Size(width: 100, height: 30))
    Self.playStops(3, &model)
    let step = model.machine.stepCount
    let current = NarrationPanel.narrations(of: model.machine)
    let history = model.narrationHistory
    #expect(history.count >= 3)
    _ = model.update(.key(.character("<")))
    #expect(model.machine.stepCount == step)
    let earlier = history[history.count - 2]
    var text = model.view().plainText
    #expect(text.contains("earlier narration, step \(earlier.step) (1 back)"))
    #expect(text.contains(String(earlier.texts[0].prefix(40))))
    _ = model.update(.key(.character("<")))
    text = model.view().plainText
    #expect(text.contains("(2 back)"))
    _ = model.update(.key(.character(">")))
    _ = model.update(.key(.character(">")))
    text = model.view().plainText
    #expect(!text.contains("earlier narration"))
    #expect(text.contains(String(current[0].prefix(40))))
    _ = model.update(.key(.character(">")))
    #expect(model.message == "this is the current narration: < pages back")
    // A step shows the current narration again.
    _ = model.update(.key(.character("<")))
    _ = model.update(.key(.character("s")))
    #expect(model.narrationBack == 0)
  }

  /// At 120x40 the status row names the statement the source pane's arrow marks (in progress
  /// or next), and a cut row ends in an ellipsis.
  @Test func theStatusRowAndTheSourceArrowAgree() throws {
    var model = try AppFixtures.lessonModel("descriptor-ring", steps: 0)
    while !(model.machine.narration?.hasPrefix("Frame 1 is lost") ?? false),
      !model.machine.isFinished
    {
      Self.playStops(1, &model)
    }
    let rows = model.view().plainText.split(separator: "\n").map(String.init)
    let arrow = try #require(
      rows.compactMap { row -> Int? in
        guard let range = row.range(of: "→"), row.hasPrefix(" → line") == false else { return nil }
        return Int(row[range.upperBound...].prefix { $0.isNumber })
      }.first)
    #expect(rows.contains { $0.hasPrefix(" → line \(arrow): ") })
    var narrow = try AppFixtures.lessonModel("descriptor-ring", steps: 0)
    _ = narrow.update(.resize(Size(width: 80, height: 24)))
    for _ in 0..<84 { _ = narrow.update(.key(.character("s"))) }
    let statusRow = try #require(
      narrow.view().plainText.split(separator: "\n").first { $0.hasPrefix(" → line") })
    #expect(statusRow.count <= 80)
    if let action = narrow.machine.nextStatementIndex.map({ narrow.machine.program.actions[$0] }),
      action.text.count > 70
    {
      #expect(statusRow.hasSuffix("…"))
    }
  }

  /// sync-reuse asks what the CPU would read; its CPU view would answer it, so the panels
  /// are hidden until the question is answered, and the status row names the `ask` without
  /// its answer, not the `expect` after it.
  @Test func anOpenQuestionHidesThePanels() throws {
    var model = try AppFixtures.lessonModel(
      "sync-reuse", steps: 0, size: Size(width: 100, height: 30))
    var presses = 0
    while model.quiz == nil, presses < 50 {
      Self.playStops(1, &model)
      presses += 1
    }
    #expect(model.quiz != nil)
    var text = model.view().plainText
    #expect(text.contains("The panels are hidden until the question is answered"))
    #expect(!text.contains("first message #1"))
    #expect(!text.contains("second one"))
    #expect(text.contains(" → line 34: ask "))
    #expect(!text.contains("answer \"first\""))
    _ = model.update(.key(.character("1")))
    text = model.view().plainText
    #expect(text.contains("1 Address spaces"))
  }
}

/// Small things a teacher met: a multi-line kernel message, the explanation after a quiz.
@Suite struct LectureDetailTests {
  /// dma-debug's leak report is two kernel lines (`[count=2]`, then `One of leaked entries`):
  /// the log shows them as one entry, with no `?` cell for the line break.
  @Test func aMultiLineKernelMessageReadsAsOneEntry() throws {
    var model = try AppFixtures.lessonModel("mapping-errors", steps: 0)
    AppFixtures.type(":goto 1561", into: &model)
    _ = model.update(.key(.enter))
    _ = model.update(.key(.character("4")))
    _ = model.update(.key(.enter))
    let text = model.view().plainText
    #expect(text.contains("[count=2] One of leaked entries"))
    #expect(!text.contains("?One of"))
  }

  /// After the verdict closes, the narration area keeps the verdict and the explanation
  /// under the question until the next step.
  @Test func theExplanationStaysReadableAfterTheVerdict() throws {
    var model = try AppFixtures.lessonModel(
      "sync-reuse", steps: 0, size: Size(width: 100, height: 30))
    var presses = 0
    while model.quiz == nil, presses < 50 {
      NarrationHistoryTests.playStops(1, &model)
      presses += 1
    }
    let explanation = try #require(model.quiz?.explanation)
    _ = model.update(.key(.character("1")))
    _ = model.update(.key(.character(" ")))
    #expect(model.quiz == nil)
    var text = model.view().plainText
    #expect(text.contains("Right: first."))
    #expect(text.contains(String(explanation.prefix(30))))
    _ = model.update(.key(.character("s")))
    text = model.view().plainText
    #expect(!text.contains("Right: first."))
  }
}
