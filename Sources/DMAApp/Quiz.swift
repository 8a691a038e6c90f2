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
  /// What the student has typed so far.
  public var typed = ""

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
}
