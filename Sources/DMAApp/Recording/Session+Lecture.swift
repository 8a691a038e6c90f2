import DMAPanels
import TermCanvas

extension Session {
  /// How long a text stays on screen to be read: at least 2 s, and 0.2 s a word.
  public static func holdMilliseconds(for texts: [String]) -> Int {
    let words = texts.reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count }
    return max(2000, words * 200)
  }

  /// Plays the lesson as a presenter would, pressing Space at every stop: each narration (and
  /// the end) is held long enough to read, at a question the popup is held, then the right
  /// answer is given and its verdict and explanation held, then any key closes it. Between
  /// stops, ticks come at the model's pace, as in the terminal: a run between two stops lasts
  /// at most `AppModel.longestLectureRun` milliseconds (a long transfer plays faster).
  public mutating func playLecture(maximumPresses: Int = 100_000) {
    var time = lastTime + Self.holdMilliseconds(for: NarrationPanel.narrations(of: model.machine))
    var presses = 0
    while !quit, presses < maximumPresses {
      if let quiz = model.quiz {
        if quiz.verdict == nil {
          time += Self.holdMilliseconds(
            for: NarrationPanel.narrations(of: model.machine) + quiz.choices)
          for key in Self.rightAnswerKeys(quiz) {
            send(.key(key), at: time)
            time += 150
          }
          let verdict = model.quiz.map { [$0.verdict ?? "", $0.explanation ?? ""] } ?? []
          time += Self.holdMilliseconds(for: verdict)
        }
        // Any key closes the verdict and does nothing else.
        send(.key(.character(" ")), at: time)
        time += 500
        presses += 1
        continue
      }
      if model.machine.isFinished { break }
      // The model paces the run: a long stretch plays faster (`FastForward`), so no run
      // between two stops lasts longer than `AppModel.longestLectureRun`.
      send(.key(.character(" ")), at: time)
      presses += 1
      var sent = 0
      while model.running, sent < 10_000_000 {
        sent += 1
        time += model.tickIntervalMilliseconds
        send(.tick, at: time)
      }
      time = lastTime
      if model.quiz == nil {
        time += Self.holdMilliseconds(for: NarrationPanel.narrations(of: model.machine))
      }
    }
    trailingHold = max(0, time - lastTime)
  }

  /// The keys that answer a question rightly: the right choice's number, or the answer typed
  /// and Enter.
  static func rightAnswerKeys(_ quiz: Quiz) -> [Key] {
    if let index = quiz.choices.firstIndex(where: { quiz.accepts($0) }), index < 9 {
      return [.character(Character(String(index + 1)))]
    }
    return quiz.answer.map { Key.character($0) } + [.enter]
  }
}
