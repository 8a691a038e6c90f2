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
        let right = model.quizScore.right > before
        outcomes[quiz.actionIndex] =
          "answered \"\(given)\": " + (right ? "right" : "wrong")
          + (right || Self.isChoice(given, of: quiz)
            ? ""
            : " (not one of its choices: " + Self.choiceList(quiz) + ")")
      } else {
        model.skipQuiz()
        outcomes[quiz.actionIndex] =
          answers == nil ? "skipped (no --answers)" : "skipped (--answers ran out)"
      }
    }
    model.closeQuizVerdict()
  }

  /// The summary line: the score, where the answers came from, and any answers left over.
  func summary(_ score: QuizScore) -> String? {
    let unused = answers ?? []
    let extra =
      unused.isEmpty
      ? ""
      : "; \(unused.count) answer\(unused.count == 1 ? "" : "s") in --answers not used (the "
        + "lesson has no more questions): " + unused.map { "\"\($0)\"" }.joined(separator: ", ")
    guard score.asked > 0 else {
      return unused.isEmpty ? nil : "quiz: the lesson asks nothing" + extra
    }
    return answers == nil
      ? "\(score.text), questions skipped (no --answers)"
      : "\(score.text) (answers from --answers)" + extra
  }

  /// Whether a typed answer names one of a question's choices (or its number); a question
  /// without choices takes any text.
  static func isChoice(_ given: String, of quiz: Quiz) -> Bool {
    guard !quiz.choices.isEmpty else { return true }
    let text = given.lowercased()
    if let number = Int(text), quiz.choices.indices.contains(number - 1) { return true }
    return quiz.choices.contains { $0.lowercased() == text }
  }

  /// A question's choices as `1) first, 2) second`.
  static func choiceList(_ quiz: Quiz) -> String {
    quiz.choices.enumerated().map { "\($0.offset + 1)) \($0.element)" }.joined(separator: ", ")
  }
}
