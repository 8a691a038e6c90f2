import ArgumentParser
import DMAApp
import DMAScenario
import DMASim
import Foundation
import NcursesBackend
import TermCanvas

/// The interactive runtime loop: input and timer ticks in, frames out, until quit or a signal.
/// Every message is recorded (with its wall-clock time, for pacing only) so `:record` can save
/// a recording that replays frame for frame.
struct InteractiveSession {
  var scenario: Scenario
  var theme: Theme
  var glyphs: Glyphs
  var source = ""
  var fileName = "scenario.dms"
  /// The files the session reads (the scenario or recording path as given): `:record` never
  /// writes over them.
  var inputPaths: [String] = []
  /// Whether to ask the terminal for mouse reports.
  var mouse = false
  /// The resident-memory budget (`--memory-limit`): a quarter holds the history's
  /// checkpoints, and a session that passes the whole of it ends with status 3.
  var memoryLimitMegabytes = RunLimitReport.memoryLimitMegabytes
  /// `dmascope __crash-test`: the first key traps (a developer check of `CrashGuard`).
  var crashOnKey: CrashTest.Kind?

  /// Runs until quit; returns the signal that ended the session, if one did.
  func run(playing recording: Recording? = nil) throws -> Int32? {
    SignalFlag.install()
    // Armed before ncurses saves and changes the terminal, disarmed after it restores it.
    CrashGuard.arm()
    defer { CrashGuard.disarm() }
    let backend: NcursesTerminal
    do {
      backend = try NcursesTerminal.start(mouse: mouse)
    } catch {
      throw UsageError(
        "cannot start the terminal UI: \(error)", hint: "check TERM, or use --headless")
    }
    CrashGuard.setTerminalRestore(backend.crashRestoreBytes)
    defer { backend.shutdown() }
    var chosenTheme = theme
    if backend.colorCount == 0 { chosenTheme = .monochrome }
    let model = AppModel(
      scenario: scenario, size: backend.size, theme: chosenTheme, glyphs: glyphs,
      historyByteBudget: History.byteBudget(memoryLimit: memoryLimitMegabytes << 20))
    var session = Session(
      model: model, source: recording?.source ?? source,
      fileName: recording?.fileName ?? fileName, themeName: chosenTheme.name,
      ascii: glyphs == .ascii, keepFrames: false)
    var playback =
      recording?.events.filter { if case .resize = $0.message { false } else { true } } ?? []
    var terminal = Terminal(backend: backend)
    let clock = ContinuousClock()
    let start = clock.now
    func now() -> Int {
      let elapsed = clock.now - start
      return Int(
        elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
    var nextTick = now()
    var lastFrame: Buffer?
    while SignalFlag.received == nil {
      // Once per frame (at most four a second while idle): past the budget, end the session
      // with the terminal restored and say so, rather than meet the OOM killer.
      if ProcessMemory.residentBytes() > memoryLimitMegabytes << 20 {
        Output.error(
          "\(fileName): stopped at the memory limit (\(memoryLimitMegabytes) MiB resident) at step "
            + "\(session.model.machine.stepCount); the session ended\n"
            + "hint: raise it with --memory-limit, or use a smaller cache or board")
        throw ExitCode(3)
      }
      let frame = session.model.view()
      if frame != lastFrame {
        terminal.draw(frame)
        lastFrame = frame
      }
      var timeout = 250
      if let due = playback.first?.time { timeout = max(0, min(timeout, due - now())) }
      if session.model.running { timeout = max(0, min(timeout, nextTick - now())) }
      var effects: [Effect] = []
      if let event = terminal.backend.readEvent(timeoutMilliseconds: timeout) {
        playback = []  // any key takes over from a replay
        if let crashOnKey { CrashTest.crash(crashOnKey) }
        let wasRunning = session.model.running
        switch event {
        case .key(let key): effects = session.send(.key(key), at: now())
        case .resize(let size): effects = session.send(.resize(size), at: now())
        case .mouse(let event):
          // A click becomes the keys it stands for, so recordings stay key-only.
          for key in session.model.keys(for: event) {
            effects += session.send(.key(key), at: now())
          }
        }
        if session.model.running && !wasRunning { nextTick = now() }
      } else if let due = playback.first, due.time <= now() {
        playback.removeFirst()
        effects = session.send(due.message, at: now())
        if playback.isEmpty {
          // Not part of the recording: the replay has nothing more to play.
          session.showUnrecorded(message: "end of replay: keys drive the session from here")
        }
      }
      if effects.contains(.quit) { return nil }
      if effects.contains(.redraw) {
        terminal.invalidate()
        lastFrame = nil
      }
      for effect in effects { perform(recordingEffect: effect, in: &session) }
      // Ticks that fell due while a frame was drawn are sent before the next frame (up to a
      // tenth of a second's worth), so a run keeps its pace on a slow terminal or machine:
      // a fast-forwarded lecture stretch still takes its 6 s.
      var caughtUp = 0
      while session.model.running, now() >= nextTick, caughtUp < 16 {
        session.send(.tick, at: now())
        nextTick += session.model.tickIntervalMilliseconds
        caughtUp += 1
      }
      if nextTick < now() - 100 { nextTick = now() }
    }
    return SignalFlag.received
  }

  /// Writes what `:record` asks for. The model already says it saved or started (so replays
  /// stay identical); only a failure, which is not part of the recording, overrides that.
  private func perform(recordingEffect effect: Effect, in session: inout Session) {
    switch effect {
    case .saveRecording(let path, let overwrite):
      do {
        try checkRecordingPath(path, overwrite: overwrite, verb: "")
        try FileWriter.write(session.recording.text, to: path)
      } catch {
        session.showUnrecorded(message: "\(error)")
      }
    case .startRecording(let path, let overwrite):
      do { try checkRecordingPath(path, overwrite: overwrite, verb: "start ") } catch {
        session.cancelClip(because: "\(error)")
      }
    case .stopRecording:
      guard let clip = session.takeFinishedClip() else { return }
      do { try FileWriter.write(clip.text, to: clip.path) } catch {
        session.showUnrecorded(message: "\(error)")
      }
    default: break
    }
  }

  /// A `:record` path: never an input of the session, and an existing file only with `:record!`.
  private func checkRecordingPath(_ path: String, overwrite: Bool, verb: String) throws {
    let output = try OutputPath(path)
    try OutputPath.refuseShared([(":record", output)], inputs: inputPaths)
    if !overwrite, FileManager.default.fileExists(atPath: output.target) {
      throw UsageError(
        "\(path) exists: :record! \(verb)\(path) replaces it")
    }
  }
}
