import ArgumentParser
import DMAApp
import TermCanvas

/// `dmascope replay`: rebuild a recording frame by frame.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Replay a .dmarec recording: in the terminal, or headless with a frame check.")

  @ArgumentParser.Argument(help: "The recording (.dmarec).")
  var file: String

  @Flag(help: "Replay without a terminal: check every frame and print the last one.")
  var headless = false

  @Option(help: "Write every replayed frame as text into this folder.")
  var frames: String?

  @Option(help: "Write an asciicast v2 file of the replay here.")
  var cast: String?

  @Option(help: "Seconds of playback per simulated tick in the .cast.")
  var pace: Double = 0.05

  func run() throws {
    if let cast { try OutputPath.refuseShared([("--cast", try OutputPath(cast))], inputs: [file]) }
    let text = try FileReader.read(file, limit: 256 << 20)
    let recording: Recording
    do { recording = try Recording(parsing: text) } catch {
      throw UsageError("\(file):\(error.line): \(error.message)", hint: "is it a .dmarec file?")
    }
    guard headless || frames != nil || cast != nil else {
      guard Environment.hasTerminal else {
        throw UsageError("no terminal for the replay", hint: "add --headless to check it instead")
      }
      let result = try Replay.run(recording, keepFrames: false)
      let session = InteractiveSession(
        scenario: result.session.model.scenario, theme: result.session.model.theme,
        glyphs: result.session.model.glyphs, inputPaths: [file])
      if let signal = try session.run(playing: recording) { throw ExitCode(128 + signal) }
      return
    }
    let result = try Replay.run(recording, keepFrames: frames != nil || cast != nil)
    if let frames { try FileWriter.writeFrames(result.session.frames, to: frames) }
    if let cast {
      let size = recording.size
      try FileWriter.write(
        AsciicastWriter.cast(
          frames: result.session.frames, width: size.width, height: size.height,
          title: "dmascope: \(recording.title)", pace: pace), to: cast)
    }
    if let mismatch = result.firstMismatch {
      let what =
        mismatch < 0
        ? "the first frame" : "frame \(mismatch + 1) (\(recording.events[mismatch].message))"
      throw UsageError("\(file): replay differs from the recording at \(what)")
    }
    print(result.session.model.view().plainText)
    Output.error("replayed \(recording.events.count) events: every frame matches")
  }
}
