import DMAApp
import DMAScenario
import Foundation
import TermCanvas

/// A command-line mistake: a message and a hint, printed by ArgumentParser as the error.
struct UsageError: Error, CustomStringConvertible {
  var message: String
  var hint: String?

  init(_ message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }

  var description: String { hint.map { "\(message)\nhint: \($0)" } ?? message }
}

/// Reading files: the only place dmascope touches the file system for input.
enum FileReader {
  /// The largest scenario file accepted.
  static let maximumBytes = 1 << 20

  /// Reads a UTF-8 text file, with clear errors for missing, huge, binary or non-regular
  /// files (a fifo or a device is refused, not read until it ends).
  static func read(_ path: String, limit: Int = maximumBytes) throws -> String {
    let file = try InputFile(path, missingHint: "check the path, or run `dmascope lessons`")
    defer { file.close() }
    let bytes = try file.readAll(limit: limit)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw UsageError("\(path): not UTF-8 text", hint: "scenario files are plain UTF-8 text")
    }
    return text
  }

  /// Reads a whole regular file as bytes (a `.dtb`), refusing it once more than
  /// `maximumBytes` have been read.
  static func readBytes(_ path: String, maximumBytes: Int) throws -> [UInt8] {
    let file = try InputFile(path, missingHint: "check the path, or run `dmascope boot --list`")
    defer { file.close() }
    return try file.readAll(limit: maximumBytes)
  }
}

extension BoardResolver {
  /// Built-in boards, and `.dtb`/`.dts` files read from disk (up to 16 MiB).
  static let files = BoardResolver { path in
    try FileReader.readBytes(path, maximumBytes: 16 << 20)
  }
}

/// Writing files: complete or not at all, and only to regular files (see `OutputPath`).
enum FileWriter {
  /// Writes text to `path` through a temporary file and a rename, so a reader (or a crash)
  /// never sees half a file; devices, fifos, sockets and folders are refused, and a symbolic
  /// link is written through to its target.
  static func write(_ text: String, to path: String) throws {
    try OutputPath(path).write(text)
  }

  /// Writes each frame's plain text as `DIR/frame-00000.txt`, creating `DIR`. A folder that
  /// holds anything but earlier frames is refused; earlier frames are removed first, and
  /// standard error says how many.
  static func writeFrames(_ frames: [Session.Frame], to directory: String) throws {
    let old = try FrameFolder.prepare(directory)
    if old > 0 { Output.error("\(directory): replaced \(old) frame file(s) of an earlier run") }
    for (index, frame) in frames.enumerated() {
      try write(frame.buffer.plainText + "\n", to: "\(directory)/\(FrameFolder.name(index))")
    }
  }
}

/// Writing to standard error.
enum Output {
  /// Prints a line to standard error, after whatever standard output still buffers, so the
  /// two streams keep their order when they share a terminal or a file.
  static func error(_ text: String) {
    fflush(nil)
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}

/// The environment dmascope reads: terminal presence and colour preferences.
enum Environment {
  /// Whether standard input and output are both terminals.
  static var hasTerminal: Bool { isatty(0) != 0 && isatty(1) != 0 }

  /// The theme: an explicit `--theme`, else monochrome when `NO_COLOR` is set, else the default.
  static func theme(named name: String?) -> Theme {
    if let name, let theme = Theme.named(name) { return theme }
    if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty {
      return .monochrome
    }
    return .default
  }
}

/// Turns a lesson argument into a checked scenario.
enum ScenarioLoader {
  /// Loads a built-in lesson by name, or a scenario file by path.
  static func load(_ argument: String?) throws -> Scenario { try loadWithSource(argument).scenario }

  /// Loads a scenario and keeps its source text (recordings embed it).
  static func loadWithSource(_ argument: String?) throws -> (
    scenario: Scenario, source: String, fileName: String
  ) {
    let name = argument ?? LessonLibrary.startLesson.name
    let source: String
    let fileName: String
    if let lesson = LessonLibrary.lesson(named: name) {
      source = lesson.source
      fileName = lesson.fileName
    } else if name.contains("/") || name.contains(".")
      || FileManager.default.fileExists(atPath: name)
    {
      source = try FileReader.read(name)
      fileName = name
    } else {
      let names = LessonLibrary.all.map(\.name)
      let suggestion = NameSuggestion.nearest(to: name, in: names)
      throw UsageError(
        "unknown lesson '\(name)'",
        hint: suggestion.map { "did you mean '\($0)'? (`dmascope lessons` lists them)" }
          ?? "`dmascope lessons` lists the built-in lessons; a file path must exist")
    }
    let result = ScenarioCompiler.compile(source, fileName: fileName, boards: .files)
    guard let scenario = result.scenario else {
      let report = result.diagnostics.map(\.rendered).joined(separator: "\n")
      let count = result.diagnostics.filter { $0.severity == .error }.count
      throw UsageError("\(report)\n\(count) error\(count == 1 ? "" : "s") in \(fileName)")
    }
    for warning in result.diagnostics where warning.severity == .warning {
      Output.error(warning.rendered)
    }
    return (scenario, source, fileName)
  }
}
