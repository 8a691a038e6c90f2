import DMAApp
import DMAScenario
import TermCanvas
import Testing

/// `:record start FILE` / `:record stop` in the UI: the file holds what happened between the
/// two commands and not their own keys; a `.dmarec` rebuilds the state it starts from and
/// replays frame for frame; errors say what to type.
@Suite struct RecordClipTests {
  static func session() throws -> Session {
    let lesson = try #require(LessonLibrary.lesson(named: "first-transfer"))
    let scenario = try #require(
      ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario)
    return Session(
      model: AppModel(scenario: scenario, size: Size(width: 100, height: 30)),
      source: lesson.source, fileName: lesson.fileName, themeName: "default", ascii: false,
      keepFrames: false)
  }

  static func type(_ text: String, into session: inout Session, at time: inout Int) {
    for character in text {
      time += 10
      session.send(.key(character == "\n" ? .enter : .character(character)), at: time)
    }
  }

  @Test func aDmarecClipHoldsOnlyWhatCameBetweenStartAndStop() throws {
    var session = try Self.session()
    var time = 0
    Self.type("ss:record start clip.dmarec\n", into: &session, at: &time)
    #expect(session.model.message == "recording to clip.dmarec: :record stop ends it")
    #expect(session.takeFinishedClip()?.path == nil)
    Self.type("sss:record stop\n", into: &session, at: &time)
    #expect(session.model.message == "recording saved to clip.dmarec")
    let finished = session.takeFinishedClip()
    let clip = try #require(finished)
    #expect(clip.path == "clip.dmarec")
    let recording = try Recording(parsing: clip.text)
    // After the keys that rebuild the state (all at time 0), exactly the three steps.
    let timed = recording.events.filter { $0.time > 0 }
    #expect(timed.map(\.message) == Array(repeating: Message.key(.character("s")), count: 3))
    #expect(timed.first?.time == 10)
    let replayed = try Replay.run(recording, keepFrames: false)
    #expect(replayed.firstMismatch == nil)
    #expect(replayed.session.model.machine.stepCount == 5)
  }

  @Test func aCastClipStartsAtTheStartAndEndsBeforeTheStop() throws {
    var session = try Self.session()
    var time = 0
    Self.type("s:record start demo.cast\n", into: &session, at: &time)
    Self.type("ss:record stop\n", into: &session, at: &time)
    let finished = session.takeFinishedClip()
    let clip = try #require(finished)
    let lines = clip.text.split(separator: "\n")
    #expect(lines.first?.hasPrefix("{\"version\": 2, \"width\": 100, \"height\": 30") == true)
    // The first frame and two steps: none of the 13 frames typing the stop command.
    #expect(lines.filter { $0.contains("\"o\"") }.count == 3)
    #expect(lines.last?.contains("\"end\"") == true)
  }

  @Test func mistakesSayWhatToType() throws {
    var session = try Self.session()
    var time = 0
    Self.type(":record stop\n", into: &session, at: &time)
    #expect(
      session.model.message
        == "no recording is going: :record start FILE.cast|FILE.dmarec starts one")
    Self.type(":record start notes.txt\n", into: &session, at: &time)
    #expect(session.model.message?.hasPrefix("record: notes.txt must end in .cast") == true)
    Self.type(":record start a.cast\n:record start b.cast\n", into: &session, at: &time)
    #expect(session.model.message == "already recording to a.cast: :record stop first")
    // The runtime refuses an existing file; the recording is then not going.
    session.cancelClip(because: "a.cast exists: :record! start a.cast replaces it")
    #expect(session.model.recordingPath == nil)
    Self.type(":record! start a.cast\n", into: &session, at: &time)
    #expect(session.model.recordingPath == "a.cast")
  }
}
