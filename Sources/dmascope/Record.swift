import ArgumentParser
import DMAApp
import DMAScenario
import TermCanvas

/// `dmascope record`: run a lesson headless with scripted keys and save a recording, an
/// asciicast and/or every frame.
struct Record: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Record a lesson driven by scripted keys (.dmarec, asciicast v2, frames).",
    discussion: """
      Without --keys the lesson plays as a lecture, as a presenter pressing Space at every \
      stop: each narration stays on screen max(2 s, 0.2 s a word), a question shows, then \
      its right answer and explanation, and the .cast is timed by those holds (a run between \
      two stops lasts at most 6 s). With --keys, keys are typed one every --key-interval \
      milliseconds; while the simulation runs, timer \
      ticks fill the gaps, and after the last key the run continues until it stops. Key \
      syntax: a character stands for itself; <Space> <Enter> <Tab> <S-Tab> <Esc> <Up> <Down> \
      <PgUp> <PgDn> <BS> <F1> <C-c> <lt> name the others; <wait 2s> or <wait 500ms> lets \
      that long pass before the next key (the run goes on meanwhile; with nothing running \
      the screen is held that long in the .cast, and a last wait holds its end). Example: \
      --keys "sssS<wait 2s><Space>".
      """)

  @ArgumentParser.Argument(
    help: "A built-in lesson name or a scenario file (default: the tour, as for run).")
  var lesson: String?

  @Option(help: "The keys to type.")
  var keys: String = ""

  @Option(help: "Write the recording here (.dmarec).")
  var out: String?

  @Option(help: "Write an asciicast v2 file here (.cast).")
  var cast: String?

  @Option(help: "Write every frame as text into this folder.")
  var frames: String?

  @Option(help: "The terminal size as WIDTHxHEIGHT (1 to 1000 each).")
  var size: FrameSize = FrameSize(width: 100, height: 30)

  @Option(help: "Seconds of playback per simulated tick in the .cast.")
  var pace: Double = 0.05

  @Option(help: "Milliseconds between typed keys.")
  var keyInterval: Int = 500

  @Option(help: "Colour theme: default, monochrome, high-contrast.")
  var theme: String?

  @Flag(help: "Draw with ASCII characters only.")
  var ascii = false

  func validate() throws {
    guard pace > 0, pace <= 10 else { throw ValidationError("--pace must be in (0, 10] seconds") }
    guard (1...60_000).contains(keyInterval) else {
      throw ValidationError("--key-interval must be 1 to 60000 milliseconds")
    }
    if let theme, Theme.named(theme) == nil { throw ValidationError("unknown theme '\(theme)'") }
    do { _ = try KeyNotation.parseScript(keys) } catch {
      throw ValidationError("--keys: \(error)")
    }
  }

  func run() throws {
    // Check the outputs before the run: a device, fifo or folder is refused, and two options
    // naming one file would keep only the last.
    var outputs: [(option: String, path: OutputPath)] = []
    if let out { outputs.append(("--out", try OutputPath(out))) }
    if let cast { outputs.append(("--cast", try OutputPath(cast))) }
    try OutputPath.refuseShared(outputs, inputs: [lesson])
    let loaded = try ScenarioLoader.loadWithSource(lesson)
    let chosenTheme = Environment.theme(named: theme)
    let model = AppModel(
      scenario: loaded.scenario, size: Size(width: size.width, height: size.height),
      theme: chosenTheme, glyphs: ascii ? .ascii : .unicode)
    var session = Session(
      model: model, source: loaded.source, fileName: loaded.fileName, themeName: chosenTheme.name,
      ascii: ascii, keepFrames: cast != nil || frames != nil)
    // Without --keys the lesson plays as a lecture: Space at every stop, each narration and
    // question held long enough to read, the cast timed by those holds.
    let lecture = keys.isEmpty
    if lecture {
      session.playLecture()
    } else {
      session.play(script: try KeyNotation.parseScript(keys), keyInterval: keyInterval)
    }
    if let out { try FileWriter.write(session.recording.text, to: out) }
    if let cast {
      let title = "dmascope: \(loaded.scenario.title)"
      let text =
        lecture
        ? AsciicastWriter.castByTime(
          frames: session.frames, width: size.width, height: size.height, title: title,
          trailingHold: session.trailingHold)
        : AsciicastWriter.cast(
          frames: session.frames, width: size.width, height: size.height, title: title,
          pace: pace, endHold: session.trailingHold > 0 ? session.trailingHold : nil)
      try FileWriter.write(text, to: cast)
    }
    if let frames { try FileWriter.writeFrames(session.frames, to: frames) }
    let count = session.recording.events.count
    Output.error(
      "recorded \(count) events, step \(session.model.machine.stepCount), "
        + "tick \(session.model.machine.clock)")
  }
}
