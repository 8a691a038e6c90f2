import DMAApp

/// How a headless run meets the lesson's `ask`s: with `--answers`, each question takes the
/// next answer in order (a choice's text or number); without, or once they run out, it is
/// skipped. Every question's outcome is kept for the report.
struct HeadlessQuiz {
  /// The answers still to give, in order; nil without `--answers`.
  private(set) var answers: [String]?
  /// Per `ask` action index: what happened to it.
  private(set) var outcomes: [Int: String] = [:]

  /// Reads `--answers`: comma-separated, spaces around each answer ignored.
  init(answers: String?) {
    self.answers = answers.map { text in
      text.split(separator: ",", omittingEmptySubsequences: false).map {
        String($0).trimmingCharacters(in: .whitespaces)
      }
    }
  }

  /// Answers or skips the open question, if any, and closes its verdict.
  mutating func meet(_ model: inout AppModel) {
    guard let quiz = model.quiz else { return }
    if quiz.verdict == nil {
      if var left = answers, !left.isEmpty {
        let given = left.removeFirst()
        answers = left
        let before = model.quizScore.right
        model.submitQuizAnswer(given)
        outcomes[quiz.actionIndex] =
          "answered \"\(given)\": " + (model.quizScore.right > before ? "right" : "wrong")
      } else {
        model.skipQuiz()
        outcomes[quiz.actionIndex] =
          answers == nil ? "skipped (no --answers)" : "skipped (--answers ran out)"
      }
    }
    model.closeQuizVerdict()
  }

  /// The summary line: the score and where the answers came from.
  func summary(_ score: QuizScore) -> String? {
    guard score.asked > 0 else { return nil }
    return answers == nil
      ? "\(score.text), questions skipped (no --answers)"
      : "\(score.text) (answers from --answers)"
  }
}
