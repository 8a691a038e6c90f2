import DMASim
import TermCanvas

extension AppModel {
  /// Opens the prompt when the machine has just reached an `ask` that was not answered yet.
  /// The machine stops right after the `ask` (`Machine.runStatementsAhead`), so nothing after
  /// the question has run or been logged while it is open.
  mutating func openQuizIfAsked() {
    guard quiz == nil, let index = machine.lastTouch.question,
      !answeredQuestions.contains(index), machine.program.actions.indices.contains(index),
      case .ask(let question, let answer, let choices, let explanation) = machine.program
        .actions[index].operation
    else { return }
    running = false
    quiz = Quiz(
      actionIndex: index, question: question, answer: answer, choices: choices,
      explanation: explanation)
    message =
      "Question: " + (quiz?.answerKeys.map { "press \($0)" } ?? "type the answer") + ", Esc skips"
  }

  /// One key while the prompt is open. With choices only their numbers answer; without, keys
  /// type the answer and Enter submits it. Esc skips. Any other key does nothing but say which
  /// keys answer, so a key meant for the panels never becomes an answer. Once answered, any
  /// key closes the verdict and does nothing else.
  mutating func answerQuiz(_ key: Key) -> [Effect] {
    guard var open = quiz else { return [] }
    if open.verdict != nil {
      closeQuizVerdict()
      message = "\(quizScore.text). Space plays on."
      return []
    }
    let command = KeyMap.quiz.command(for: key)
    if command == .skipQuestion {
      skipQuiz()
      return []
    }
    if let keys = open.answerKeys {
      if case .character(let character) = key, let number = Int(String(character)),
        open.choices.indices.contains(number - 1)
      {
        submitQuizAnswer(open.choices[number - 1])
      } else {
        message = "press \(keys) to answer, or Esc to skip"
      }
      return []
    }
    switch command {
    case .submitAnswer:
      guard !open.typed.isEmpty else {
        message = "type an answer first (Esc skips)"
        return []
      }
      submitQuizAnswer(open.typed)
    case .eraseAnswer:
      open.typed = String(open.typed.dropLast())
      quiz = open
    default:
      if case .character(let character) = key, open.typed.count < 80 {
        open.typed.append(character)
        quiz = open
      } else {
        message = "type the answer and press Enter, or Esc to skip"
      }
    }
    return []
  }

  /// Judges an answer to the open question (a choice's text, its number, or typed text) and
  /// shows the verdict with the explanation until the next key.
  public mutating func submitQuizAnswer(_ text: String) {
    guard var open = quiz, open.verdict == nil else { return }
    let right = open.accepts(text)
    score(open, right: right)
    let said = text.trimmingSpaces
    open.verdict =
      right
      ? "Right: \(open.answer)." : "Not quite: the answer is \(open.answer) (you said \(said))."
    quiz = open
    message = "\(quizScore.text): any key goes on"
  }

  /// Skips the open question: the verdict shows the answer and the explanation.
  public mutating func skipQuiz() {
    guard var open = quiz, open.verdict == nil else { return }
    score(open, right: false)
    open.verdict = "Skipped: the answer is \(open.answer)."
    quiz = open
    message = "\(quizScore.text): any key goes on"
  }

  /// Closes the verdict of an answered question.
  public mutating func closeQuizVerdict() {
    guard let open = quiz, let verdict = open.verdict else { return }
    // The verdict and the explanation stay readable under the question until the next step.
    quizRecap = [verdict] + (open.explanation.map { [$0] } ?? [])
    quiz = nil
  }

  private mutating func score(_ open: Quiz, right: Bool) {
    answeredQuestions.append(open.actionIndex)
    quizScore.asked += 1
    if right { quizScore.right += 1 }
  }
}
