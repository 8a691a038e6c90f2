import DMAApp
import DMAScenario
import DMASim
import Foundation
import TermCanvas
import Testing

/// Random and mutated recordings, key sequences and cache traces: no crash, no hang, and every
/// rejection says where and what. DMASCOPE_FUZZ_CASES runs more cases.
@Suite struct InputFuzzTests {
  static var cases: Int {
    Int(ProcessInfo.processInfo.environment["DMASCOPE_FUZZ_CASES"] ?? "") ?? 400
  }

  func mutate(_ text: String, _ random: inout SplitMix64) -> String {
    var bytes = Array(text.utf8)
    for _ in 0..<Int(1 + random.next() % 4) where !bytes.isEmpty {
      let at = Int(random.next() % UInt64(bytes.count))
      switch random.next() % 5 {
      case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
      case 1: bytes.remove(at: at)
      case 2: bytes.insert(UInt8(truncatingIfNeeded: random.next() % 128), at: at)
      case 3: bytes = Array(bytes.prefix(at))
      default:
        let end = min(bytes.count, at + Int(random.next() % 80))
        bytes.insert(contentsOf: bytes[at..<end], at: at)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func mutatedRecordingsNeverCrashAReplay() throws {
    let lesson = LessonLibrary.defaultLesson
    let scenario = try #require(ScenarioCompiler.compile(lesson.source, fileName: "x").scenario)
    var session = Session(
      model: AppModel(scenario: scenario, size: Size(width: 80, height: 24)),
      source: lesson.source, fileName: lesson.fileName, themeName: "default", ascii: false,
      keepFrames: false)
    session.play(keys: try KeyNotation.parse("sssnn:goto 9<Enter>?<Esc>S"), keyInterval: 100)
    let original = session.recording.text
    var random = SplitMix64(seed: 42)
    var parsed = 0
    for _ in 0..<Self.cases {
      let text = mutate(original, &random)
      do {
        let recording = try Recording(parsing: text)
        parsed += 1
        _ = try? Replay.run(recording, keepFrames: false)
      } catch {
        #expect(error.line >= 1)
        #expect(!error.message.isEmpty)
      }
    }
    #expect(parsed > 0)
  }

  @Test func randomKeySequencesParseOrExplain() {
    var random = SplitMix64(seed: 9)
    let alphabet = Array("abc<>-CSpaceEnterF12 lt:")
    for _ in 0..<Self.cases {
      let text = String(
        (0..<Int(random.next() % 20)).map { _ in
          alphabet[Int(random.next() % UInt64(alphabet.count))]
        })
      do {
        let keys = try KeyNotation.parse(text)
        #expect(try KeyNotation.parse(keys.map(KeyNotation.format).joined()) == keys)
      } catch {
        #expect(error.column >= 1 && error.column <= text.count)
      }
    }
  }

  @Test func randomKeysNeverCrashTheApp() throws {
    var model = try AppFixtures.model(size: Size(width: 80, height: 24))
    var random = SplitMix64(seed: 3)
    let keys: [Key] =
      "sSnNfFcCbq?:1234 +-jk/wxyz".map { Key.character($0) } + [
        .enter, .escape, .tab, .backTab, .up, .down, .pageUp, .pageDown, .backspace, .function(1),
        .control("l"),
      ]
    for _ in 0..<(Self.cases * 5) {
      let key = keys[Int(random.next() % UInt64(keys.count))]
      _ = model.update(.key(key))
      if random.next() % 50 == 0 {
        let size = Size(width: Int(1 + random.next() % 300), height: Int(1 + random.next() % 100))
        _ = model.update(.resize(size))
      }
      if random.next() % 3 == 0 { _ = model.update(.tick) }
      let frame = model.view()
      #expect(frame.size == model.size)
    }
  }
}
