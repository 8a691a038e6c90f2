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
  /// stops, ticks come at the model's speed, but a run between two stops lasts at most
  /// `longestRun` milliseconds (a long transfer plays faster rather than for minutes).
  public mutating func playLecture(longestRun: Int = 6000, maximumPresses: Int = 100_000) {
    var time = lastTime + Self.holdMilliseconds(for: NarrationPanel.narrations(of: model.machine))
    var presses = 0
    let startIndex = model.speedIndex
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
      // A long run goes faster, as a presenter would press + (typed with `:set speed`, in
      // the same millisecond as the Space, so no frame shows the command line).
      let steps = Self.stepsToNextStop(model, speedIndex: startIndex)
      let index =
        AppModel.speeds.firstIndex { steps * 1000 <= $0 * longestRun }
        ?? AppModel.speeds.count - 1
      let chosen = max(startIndex, index)
      if chosen != model.speedIndex {
        type(":set speed \(AppModel.speeds[chosen])\n", at: time)
      }
      send(.key(.character(" ")), at: time)
      presses += 1
      let ticks = max(1, (steps + model.stepsPerTick - 1) / model.stepsPerTick)
      let span = min(ticks * model.tickIntervalMilliseconds, longestRun)
      var sent = 0
      while model.running, sent < 10_000_000 {
        sent += 1
        send(.tick, at: time + (span * sent) / ticks)
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

  /// How many steps a Space run from here takes to stop (on a copy of the model).
  static func stepsToNextStop(
    _ model: AppModel, speedIndex: Int, limit: Int = 10_000_000
  ) -> Int {
    var probe = model
    probe.speedIndex = speedIndex
    let before = probe.machine.stepCount
    _ = probe.update(.key(.character(" ")))
    var ticks = 0
    while probe.running, ticks < limit {
      _ = probe.update(.tick)
      ticks += 1
    }
    return probe.machine.stepCount - before
  }

  /// Types each character of `text` (a newline as Enter) at one time.
  private mutating func type(_ text: String, at time: Int) {
    for character in text {
      send(.key(character == "\n" ? .enter : .character(character)), at: time)
    }
  }
}
