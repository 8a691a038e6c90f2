import DMAApp
import DMAScenario
import DMASim
import TermCanvas
import Testing

/// `ask`: the app stops at a question before anything after it runs, shows it in a popup,
/// takes the answer from the keys that answer it only, shows the verdict and the explanation,
/// and ends with the score.
@Suite struct QuizTests {
  static let source = """
    board minimal
    buf = kmalloc(64, GFP_KERNEL)
    cpu_write(buf, 0, "abcd")
    ask "Where are the bytes now?" choices("cache", "RAM") answer "cache" explain "A store allocates the line in the write-back cache; RAM is written only when the line is cleaned."
    say "Exactly: the bytes sit in a dirty line."
    kfree(buf)
    ask "Which call frees a kmalloc object?" answer "kfree"
    """

  func model(_ size: Size = Size(width: 100, height: 30)) throws -> AppModel {
    let scenario = try #require(ScenarioCompiler.compile(Self.source, fileName: "q.dms").scenario)
    return AppModel(scenario: scenario, size: size)
  }

  func type(_ text: String, into model: inout AppModel) {
    for character in text { _ = model.update(.key(.character(character))) }
  }

  @Test func thePopupAsksFirstAndOtherKeysDoNotLeak() throws {
    var model = try model()
    _ = model.update(.key(.character("c")))
    let quiz = try #require(model.quiz)
    #expect(quiz.question == "Where are the bytes now?")
    #expect(model.machine.narration == "Where are the bytes now?")
    // Nothing after the question has run: the last log line is the question itself.
    #expect(model.machine.log.last?.function == "ask")
    let frame = model.view().plainText
    for text in [
      "Where are the bytes now?", "1) cache", "2) RAM", "Press 1 or 2 to answer. Esc skips.",
    ] {
      #expect(frame.contains(text), "\(text)")
    }
    #expect(!frame.contains("Exactly"))
    // Keys meant for the panels or the debugger neither step nor answer.
    let step = model.machine.stepCount
    for key: Key in [.character("c"), .character("s"), .character("4"), .enter, .character(" ")] {
      _ = model.update(.key(key))
    }
    #expect(model.machine.stepCount == step)
    #expect(model.quiz?.verdict == nil)
    #expect(model.quizScore == QuizScore())
    #expect(model.message == "press 1 or 2 to answer, or Esc to skip")
    // 1 answers; the verdict and the explanation show until the next key.
    _ = model.update(.key(.character("1")))
    #expect(model.quizScore == QuizScore(right: 1, asked: 1))
    let answered = model.view().plainText
    #expect(answered.contains("Right: cache."))
    #expect(answered.contains("A store allocates the line"))
    #expect(model.machine.stepCount == step)
    _ = model.update(.key(.character("s")))
    #expect(model.quiz == nil)
    #expect(model.machine.stepCount == step)
    // Only now does the narration after the question run.
    _ = model.update(.key(.character("s")))
    #expect(model.machine.narration == "Exactly: the bytes sit in a dirty line.")
  }

  /// From 100x40 up the source pane sits beside the narration; while the question is open it
  /// stops at the `ask` and leaves out the `answer` and everything after it, which would tell.
  @Test func theSourcePaneDoesNotGiveTheAnswerAway() throws {
    var model = try model(Size(width: 120, height: 40))
    _ = model.update(.key(.character("c")))
    _ = try #require(model.quiz)
    let open = model.view().plainText
    #expect(open.contains("ask \"Where are the bytes now?\" choices(\"cache\", \"RAM\")"))
    #expect(!open.contains("answer \"cache\""))
    #expect(!open.contains("Exactly"))
    #expect(!open.contains("kfree(buf)"))
    _ = model.update(.key(.escape))
    _ = model.update(.key(.escape))
    #expect(model.quiz == nil)
    #expect(model.view().plainText.contains("kfree(buf)"))
  }

  @Test func aWrongChoiceATypedAnswerAndEscape() throws {
    var model = try model()
    _ = model.update(.key(.character("c")))
    _ = model.update(.key(.character("2")))
    #expect(model.quizScore == QuizScore(right: 0, asked: 1))
    #expect(model.quiz?.verdict == "Not quite: the answer is cache (you said RAM).")
    _ = model.update(.key(.escape))
    _ = model.update(.key(.character("c")))
    #expect(model.quiz?.question == "Which call frees a kmalloc object?")
    #expect(model.view().plainText.contains("answer> _"))
    type("kfre", into: &model)
    _ = model.update(.key(.backspace))
    #expect(model.quiz?.typed == "kfr")
    _ = model.update(.key(.escape))
    #expect(model.quiz?.verdict == "Skipped: the answer is kfree.")
    #expect(model.quizScore.asked == 2)
  }

  @Test func theLessonEndsWithTheScore() throws {
    var model = try model()
    _ = model.update(.key(.character("c")))
    _ = model.update(.key(.character("1")))
    _ = model.update(.key(.character("c")))
    _ = model.update(.key(.character("c")))
    type("kmalloc", into: &model)
    _ = model.update(.key(.enter))
    _ = model.update(.key(.enter))
    _ = model.update(.key(.character("c")))
    #expect(model.machine.cpu.finished)
    #expect(model.view().plainText.contains("scenario finished  quiz: 1/2"))
  }

  @Test func steppingBackAndForwardDoesNotAskTwice() throws {
    var model = try model()
    _ = model.update(.key(.character("c")))
    _ = model.update(.key(.character("1")))
    _ = model.update(.key(.character("q")))
    _ = model.update(.key(.character("S")))
    _ = model.update(.key(.character("s")))
    #expect(model.quiz == nil)
  }

  @Test func checkerRejectsAnAnswerThatIsNotAChoice() {
    let result = ScenarioCompiler.compile(
      "ask \"Q?\" choices(\"a\", \"b\") answer \"c\"\nask \"Q?\"\nask \"Q?\" answer \"a\" explain\n",
      fileName: "q.dms")
    let first = result.diagnostics.map { String($0.rendered.split(separator: "\n")[0]) }
    #expect(
      first == [
        "q.dms:1:1: error: the answer \"c\" is not one of the choices",
        "q.dms:2:1: error: `ask` needs the expected answer",
        "q.dms:3:21: error: `explain` takes one non-empty string",
      ])
  }
}
