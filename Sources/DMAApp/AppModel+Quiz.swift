import DMASim
import TermCanvas

extension AppModel {
  /// Opens the prompt when the machine has just reached an `ask` that was not answered yet.
  mutating func openQuizIfAsked() {
    guard quiz == nil, let index = machine.lastTouch.question,
      !answeredQuestions.contains(index), machine.program.actions.indices.contains(index),
      case .ask(let question, let answer, let choices) = machine.program.actions[index].operation
    else { return }
    running = false
    quiz = Quiz(actionIndex: index, question: question, answer: answer, choices: choices)
    message =
      quiz?.choiceText.map { "Question: type an answer or a number: \($0)" }
      ?? "Question: type your answer and press Enter (Esc shows the answer)"
  }

  /// One key while the prompt is open: the quiz key map first, then typing.
  mutating func answerQuiz(_ key: Key) -> [Effect] {
    guard var open = quiz else { return [] }
    switch KeyMap.quiz.command(for: key) {
    case .submitAnswer:
      guard !open.typed.isEmpty else {
        message = "type an answer first (Esc shows the answer)"
        return []
      }
      let right = open.accepts(open.typed)
      close(open, right: right)
      message =
        right
        ? "Right: \(open.answer). Score \(quizScore.right)/\(quizScore.asked). Space runs on."
        : "Not quite: the answer is \(open.answer) (you said \(open.typed)). Space runs on."
    case .skipQuestion:
      close(open, right: false)
      message = "The answer is \(open.answer). Space runs on."
    case .eraseAnswer:
      open.typed = String(open.typed.dropLast())
      quiz = open
    default:
      if case .character(let character) = key, open.typed.count < 80 {
        open.typed.append(character)
        quiz = open
      }
    }
    return []
  }

  private mutating func close(_ open: Quiz, right: Bool) {
    answeredQuestions.append(open.actionIndex)
    quizScore.asked += 1
    if right { quizScore.right += 1 }
    quiz = nil
  }
}
