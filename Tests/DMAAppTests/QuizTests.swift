import DMAApp
import DMAScenario
import DMASim
import TermCanvas
import Testing

/// `ask`: the app stops at a question, takes a typed answer, judges it and goes on.
@Suite struct QuizTests {
  static let source = """
    board minimal
    buf = kmalloc(64, GFP_KERNEL)
    cpu_write(buf, 0, "abcd")
    ask "Where are the bytes now?" choices("cache", "RAM") answer "cache"
    kfree(buf)
    ask "Which call frees a kmalloc object?" answer "kfree"
    """

  func model() throws -> AppModel {
    let scenario = try #require(ScenarioCompiler.compile(Self.source, fileName: "q.dms").scenario)
    return AppModel(scenario: scenario, size: Size(width: 100, height: 30))
  }

  mutating func type(_ text: String, into model: inout AppModel) {
    for character in text { _ = model.update(.key(.character(character))) }
  }

  @Test mutating func continueStopsAtTheQuestionAndARightAnswerScores() throws {
    var model = try model()
    _ = model.update(.key(.character("c")))
    let quiz = try #require(model.quiz)
    #expect(quiz.question == "Where are the bytes now?")
    #expect(model.machine.narration == "Where are the bytes now?")
    // Keys type into the answer instead of stepping.
    let step = model.machine.stepCount
    type("Cache ", into: &model)
    #expect(model.quiz?.typed == "Cache ")
    #expect(model.machine.stepCount == step)
    #expect(model.view().plainText.contains("answer> Cache _"))
    _ = model.update(.key(.enter))
    #expect(model.quiz == nil)
    #expect(model.quizScore == QuizScore(right: 1, asked: 1))
    #expect(model.message?.hasPrefix("Right: cache.") == true)
  }

  @Test mutating func aChoiceNumberAWrongAnswerAndEscape() throws {
    var model = try model()
    _ = model.update(.key(.character("c")))
    type("2", into: &model)
    _ = model.update(.key(.enter))
    #expect(model.quizScore == QuizScore(right: 0, asked: 1))
    #expect(model.message == "Not quite: the answer is cache (you said 2). Space runs on.")
    _ = model.update(.key(.character("c")))
    #expect(model.quiz?.question == "Which call frees a kmalloc object?")
    _ = model.update(.key(.escape))
    #expect(model.quiz == nil)
    #expect(model.message == "The answer is kfree. Space runs on.")
    #expect(model.quizScore.asked == 2)
  }

  @Test mutating func steppingBackAndForwardDoesNotAskTwice() throws {
    var model = try model()
    _ = model.update(.key(.character("c")))
    type("cache", into: &model)
    _ = model.update(.key(.enter))
    _ = model.update(.key(.character("S")))
    _ = model.update(.key(.character("s")))
    #expect(model.quiz == nil)
  }

  @Test func checkerRejectsAnAnswerThatIsNotAChoice() {
    let result = ScenarioCompiler.compile(
      "ask \"Q?\" choices(\"a\", \"b\") answer \"c\"\nask \"Q?\"\n", fileName: "q.dms")
    let first = result.diagnostics.map { String($0.rendered.split(separator: "\n")[0]) }
    #expect(
      first == [
        "q.dms:1:1: error: the answer \"c\" is not one of the choices",
        "q.dms:2:1: error: `ask` needs the expected answer",
      ])
  }
}
