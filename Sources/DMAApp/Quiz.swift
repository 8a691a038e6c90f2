/// An open `ask` prompt: the question, what the student has typed, and how to judge it.
public struct Quiz: Hashable, Sendable {
  /// The action index of the `ask` in the program.
  public var actionIndex: Int
  /// The question.
  public var question: String
  /// The expected answer.
  public var answer: String
  /// The choices offered, if any (the answer is one of them).
  public var choices: [String]
  /// The `explain "…"` text, shown after either answer.
  public var explanation: String?
  /// What the student has typed so far (questions without choices).
  public var typed = ""
  /// After an answer or a skip: what the popup says about it (nil while the question is open).
  public var verdict: String?

  /// Creates an open question.
  public init(
    actionIndex: Int, question: String, answer: String, choices: [String],
    explanation: String? = nil
  ) {
    self.actionIndex = actionIndex
    self.question = question
    self.answer = answer
    self.choices = choices
    self.explanation = explanation
  }

  /// Whether a typed answer is right: the answer itself (ignoring case and surrounding
  /// spaces), or the number of the right choice.
  public func accepts(_ text: String) -> Bool {
    let normalized = text.trimmingSpaces.lowercased()
    if normalized == answer.lowercased() { return true }
    if let number = Int(normalized), choices.indices.contains(number - 1) {
      return choices[number - 1] == answer
    }
    return false
  }

  /// The choices as `1) stale  2) fresh`, or nil without choices.
  public var choiceText: String? {
    choices.isEmpty
      ? nil : choices.enumerated().map { "\($0.offset + 1)) \($0.element)" }.joined(separator: "  ")
  }

  /// Which keys answer the question, for the popup: `1 or 2`, `1, 2 or 3`, or nil when the
  /// answer is typed.
  public var answerKeys: String? {
    guard !choices.isEmpty else { return nil }
    let numbers = choices.indices.map { String($0 + 1) }
    return numbers.dropLast().joined(separator: ", ") + " or " + (numbers.last ?? "1")
  }
}

/// How the student has done on this run's questions.
public struct QuizScore: Hashable, Sendable {
  /// Questions answered right.
  public var right = 0
  /// Questions asked (answered or skipped).
  public var asked = 0

  /// Creates a score.
  public init(right: Int = 0, asked: Int = 0) {
    self.right = right
    self.asked = asked
  }

  /// The score line, `quiz: 3/4`.
  public var text: String { "quiz: \(right)/\(asked)" }
}
