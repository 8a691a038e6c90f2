import DMAApp
import DMAScenario
import DMASim
import TermCanvas
import Testing

/// Recordings: record every lesson, write and read the file, replay it and compare every frame.
@Suite struct RecordingTests {
  func record(_ lesson: Lesson, keys: String, size: Size = Size(width: 100, height: 30)) throws
    -> Session
  {
    let scenario = try #require(
      ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario)
    var session = Session(
      model: AppModel(scenario: scenario, size: size), source: lesson.source,
      fileName: lesson.fileName, themeName: "default", ascii: false, keepFrames: true)
    session.play(keys: try KeyNotation.parse(keys), keyInterval: 500)
    return session
  }

  @Test(arguments: LessonLibrary.all.map(\.name))
  func everyLessonReplaysFrameForFrame(_ name: String) throws {
    let lesson = try #require(LessonLibrary.lesson(named: name))
    // Each `ask` stops the run and takes keys as its answer: Esc shows the answer, c runs on.
    let asks = lesson.source.split(separator: "\n").filter { $0.hasPrefix("ask ") }.count
    let original = try record(
      lesson,
      keys: "sssSn?<Esc>2<Down>:goto 40<Enter><Space>ccc"
        + String(repeating: "<Esc>cccc", count: asks))
    #expect(original.model.machine.isFinished)
    let parsed = try Recording(parsing: original.recording.text)
    #expect(parsed == original.recording)
    let replayed = try Replay.run(parsed, keepFrames: true)
    #expect(replayed.firstMismatch == nil)
    #expect(replayed.session.frames.count == original.frames.count)
    for (left, right) in zip(original.frames, replayed.session.frames) {
      #expect(left.buffer == right.buffer)
      #expect(left.buffer.snapshotText == right.buffer.snapshotText)
      #expect(left.time == right.time)
    }
  }

  @Test func aTamperedRecordingIsCaught() throws {
    let original = try record(LessonLibrary.defaultLesson, keys: "sss")
    var events = original.recording.events
    events[1].frame ^= 1
    var tampered = original.recording
    tampered.events = events
    #expect(try Replay.run(tampered, keepFrames: false).firstMismatch == 1)
  }

  @Test func badRecordingFilesGiveLineNumbers() {
    let cases: [(String, String)] = [
      ("", "line 1: file ends before `dmarec`"),
      ("dmarec 2\n", "line 1: not a dmascope recording of version 1"),
      ("dmarec 1\ntitle t\nfile f\nsize 0x3\n", "line 4: size must be WIDTHxHEIGHT"),
      (
        "dmarec 1\ntitle t\nfile f\nsize 80x24\ntheme default\nglyphs unicode\nframe 00\n"
          + "source 0\nevents 1\n5 key <Nope> 00\n",
        "line 10: column 1: unknown key <Nope>"
      ),
    ]
    for (text, expected) in cases {
      do {
        _ = try Recording(parsing: text)
        Issue.record("parsed: \(text)")
      } catch {
        #expect(error.description.hasPrefix(expected), "\(error.description)")
      }
    }
  }

  @Test func keyNotationRoundTrips() throws {
    let keys = try KeyNotation.parse("a<Space><Enter><S-Tab><C-c><F5><lt>:")
    #expect(
      keys == [
        .character("a"), .character(" "), .enter, .backTab, .control("c"), .function(5),
        .character("<"), .character(":"),
      ])
    #expect(try KeyNotation.parse(keys.map(KeyNotation.format).joined()) == keys)
    #expect(throws: KeyNotation.ParseError.self) { try KeyNotation.parse("<Space") }
  }

  @Test func castHasAHeaderKeyframesAndMarkers() throws {
    let session = try record(LessonLibrary.defaultLesson, keys: "nnn")
    let text = AsciicastWriter.cast(
      frames: session.frames, width: 100, height: 30, title: "t", pace: 0.05)
    let lines = text.split(separator: "\n")
    #expect(lines[0].hasPrefix("{\"version\": 2, \"width\": 100, \"height\": 30"))
    #expect(lines.contains { $0.contains("\"m\", \"line 6: dma_request_chan\"") })
    #expect(lines.contains { $0.contains("\"m\", \"line 8: dmaengine_slave_config\"") })
    #expect(lines[1].hasPrefix("[0.000000, \"o\", \"\\u001b[?25l"))
  }
}
