import DMAApp
import DMAScenario
import TermCanvas
import Testing

/// `record LESSON` without keys plays the lesson as a lecture; the narration area grows so the
/// course's longest narration reads whole at 80x24.
@Suite struct LecturePlayerTests {
  static func session(_ name: String, size: Size) throws -> Session {
    let lesson = try #require(LessonLibrary.lesson(named: name))
    let scenario = try #require(
      ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario)
    return Session(
      model: AppModel(scenario: scenario, size: size), source: lesson.source,
      fileName: lesson.fileName, themeName: "default", ascii: false, keepFrames: true)
  }

  /// Every say of the course, longest first.
  static var narrationsByLength: [String] {
    LessonLibrary.all.flatMap { lesson -> [String] in
      guard
        let scenario = ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName)
          .scenario
      else { return [] }
      return scenario.program.actions.compactMap {
        if case .say(let text) = $0.operation { return text }
        return nil
      }
    }.sorted { $0.count > $1.count }
  }

  @Test func holdTimesFollowTheWords() {
    #expect(Session.holdMilliseconds(for: ["two words"]) == 2000)
    let long = Array(repeating: "word", count: 25).joined(separator: " ")
    #expect(Session.holdMilliseconds(for: [long]) == 5000)
    #expect(Session.holdMilliseconds(for: [long, "and five more words here"]) == 6000)
  }

  @Test func theTourPlaysToItsEndHoldingEachNarration() throws {
    var session = try Self.session("tour", size: Size(width: 100, height: 30))
    session.playLecture()
    #expect(session.model.machine.isFinished)
    // Each narration's first frame is followed by at least its hold before the next one.
    var shownAt: [String: Int] = [:]
    var order: [String] = []
    for frame in session.frames {
      let narration = frame.buffer.plainText
      for say in Self.tourSays where shownAt[say] == nil && narration.contains(say.prefix(30)) {
        shownAt[say] = frame.time
        order.append(say)
      }
    }
    #expect(order.count == Self.tourSays.count)
    for (first, second) in zip(order, order.dropFirst()) {
      let held = (shownAt[second] ?? 0) - (shownAt[first] ?? 0)
      #expect(held >= Session.holdMilliseconds(for: [first]), "\(first.prefix(40))")
    }
    #expect(session.trailingHold >= 2000)
  }

  static var tourSays: [String] {
    guard let lesson = LessonLibrary.lesson(named: "tour"),
      let scenario = ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario
    else { return [] }
    return scenario.program.actions.compactMap {
      if case .say(let text) = $0.operation { return text }
      return nil
    }
  }

  @Test func aQuizIsShownThenAnsweredRightWithItsExplanation() throws {
    var session = try Self.session("sync-reuse", size: Size(width: 100, height: 30))
    session.playLecture()
    #expect(session.model.machine.isFinished)
    #expect(session.model.quizScore == QuizScore(right: 1, asked: 1))
    let texts = session.frames.map { $0.buffer.plainText }
    let asked = try #require(texts.firstIndex { $0.contains("Esc skips") })
    let answered = try #require(texts.firstIndex { $0.contains("Right:") })
    #expect(asked < answered)
    // The question stays up long enough to read before the answer comes.
    #expect(session.frames[answered].time - session.frames[asked].time >= 2000)
    #expect(texts.last?.contains("quiz: 1/1") == true)
  }

  /// The longest narration of the course, at 80x24, is on screen whole: every word, in order,
  /// in the narration rows, with no "more" marker.
  @Test func theLongestNarrationIsWholeAt80x24() throws {
    let longest = try #require(Self.narrationsByLength.first)
    let lesson = try #require(
      LessonLibrary.all.first { $0.source.contains(String(longest.prefix(60))) })
    var model = try AppFixtures.lessonModel(
      lesson.name, steps: 0, size: Size(width: 80, height: 24))
    var steps = 0
    while model.machine.narration != longest, steps < 100_000 {
      if model.quiz != nil { model.skipQuiz() }
      model.closeQuizVerdict()
      _ = model.update(.key(.character("s")))
      steps += 1
    }
    #expect(model.machine.narration == longest)
    let joined = model.view().plainText.split(whereSeparator: \.isWhitespace).joined(
      separator: " ")
    #expect(joined.contains(longest.split(whereSeparator: \.isWhitespace).joined(separator: " ")))
    #expect(!joined.contains("\u{2026}more"))
  }
}
