import DMAScenario
import DMASim
import TermCanvas

/// Drives an `AppModel` with timed messages, recording each one with the fingerprint of the
/// frame it produced, and optionally keeping the frames (for `.cast` export and `--frames`).
public struct Session: Sendable {
  /// One frame shown during the session.
  public struct Frame: Sendable {
    /// Milliseconds since the start.
    public var time: Int
    /// The screen.
    public var buffer: Buffer
    /// The simulation clock when it was drawn.
    public var clock: UInt64
    /// Scenario statements that began since the previous frame (`line N: function`).
    public var markers: [String]
    /// Milliseconds a script's `<wait …>` held the previous frame with nothing running (a
    /// clock-paced `.cast` adds them before this frame).
    public var wait: Int = 0
  }

  /// The app being driven.
  public internal(set) var model: AppModel
  /// Everything sent so far.
  public private(set) var recording: Recording
  /// The frames, when kept.
  public private(set) var frames: [Frame] = []
  /// Whether the app asked to quit.
  public private(set) var quit = false
  private let keepFrames: Bool
  private var lastMachine: Machine
  /// The time of the latest message, in milliseconds.
  public private(set) var lastTime = 0
  /// Milliseconds the end of the session is held after the last message (a lecture's last
  /// narration), for a `.cast` to keep it on screen.
  public internal(set) var trailingHold = 0
  /// Waited milliseconds not yet given to a frame.
  private var pendingWait = 0
  /// The recording `:record start` began, until `:record stop`.
  var clip: Clip?
  /// The finished recording `:record stop` wrote, until the runtime takes it.
  var finishedClip: (path: String, text: String)?
  /// The event that opened the command line now open (so `:record stop` leaves its keys out).
  var commandLineOpenedAt: Int?

  /// Starts a session on a model; `source` and `fileName` make the recording self-contained.
  public init(
    model: AppModel, source: String, fileName: String, themeName: String, ascii: Bool,
    keepFrames: Bool
  ) {
    self.model = model
    self.keepFrames = keepFrames
    lastMachine = model.machine
    let first = model.view()
    recording = Recording(
      title: model.scenario.title, fileName: fileName, source: source, size: model.size,
      themeName: themeName, ascii: ascii, initialFrame: first.fingerprint)
    if keepFrames {
      frames.append(Frame(time: 0, buffer: first, clock: model.machine.clock, markers: []))
    }
  }

  /// Sends one message at a time (milliseconds; never earlier than the previous one).
  @discardableResult
  public mutating func send(_ message: Message, at time: Int) -> [Effect] {
    guard !quit else { return [] }
    let at = max(time, lastTime)
    lastTime = at
    let commandLineWasOpen = model.commandLine != nil
    let effects = model.update(message)
    if effects.contains(.quit) { quit = true }
    let frame = model.view()
    recording.events.append(Recording.Event(time: at, message: message, frame: frame.fingerprint))
    if !commandLineWasOpen, model.commandLine != nil {
      commandLineOpenedAt = recording.events.count - 1
    }
    if var open = clip, open.cast {
      clip = nil  // so the append does not copy the frames
      open.frames.append(
        Frame(time: at - open.startTime, buffer: frame, clock: model.machine.clock, markers: []))
      clip = open
    }
    for effect in effects { clipEffect(effect, at: at, frame: frame) }
    if keepFrames {
      let begun = model.machine.actionsBegun(since: lastMachine).filter {
        if case .say = $0.operation { return false }
        return true
      }
      let markers = begun.map { "line \($0.line): \($0.operation.functionName)" }
      frames.append(
        Frame(
          time: at, buffer: frame, clock: model.machine.clock, markers: markers, wait: pendingWait))
    }
    pendingWait = 0
    lastMachine = model.machine
    return effects
  }

  /// Shows a status message that is not part of the recording (for runtime failures only:
  /// frames drawn with it will not match a replay).
  public mutating func showUnrecorded(message: String) { model.show(message: message) }

  /// Types `keys` one every `keyInterval` milliseconds. While the simulation runs, timer ticks
  /// are sent at the model's interval between keys; after the last key, ticks continue until
  /// the run stops or `maximumTicks` have been sent.
  public mutating func play(keys: [Key], keyInterval: Int, maximumTicks: Int = 1_000_000) {
    play(
      script: keys.map(KeyNotation.Step.key), keyInterval: keyInterval, maximumTicks: maximumTicks)
  }

  /// Plays a key script: keys as `play(keys:)` does; a `<wait …>` lets that many milliseconds
  /// pass before the next key (ticks flow while the simulation runs; a wait with nothing
  /// running holds the frame, and a wait after the last key holds the end of a `.cast`).
  public mutating func play(
    script: [KeyNotation.Step], keyInterval: Int, maximumTicks: Int = 1_000_000
  ) {
    var time = lastTime
    var ticks = 0
    // Timer ticks while the simulation runs, each before `limit` (none: until it stops).
    func tick(before limit: Int?) {
      while model.running, ticks < maximumTicks,
        limit.map({ time + model.tickIntervalMilliseconds < $0 }) ?? true
      {
        time += model.tickIntervalMilliseconds
        send(.tick, at: time)
        ticks += 1
      }
    }
    for step in script {
      switch step {
      case .key(let key):
        let keyTime = time + keyInterval
        tick(before: keyTime)
        time = keyTime
        send(.key(key), at: time)
        if quit { return }
      case .wait(let milliseconds):
        let end = time + max(0, milliseconds)
        tick(before: end)
        if !model.running { pendingWait += end - time }
        time = end
        lastTime = max(lastTime, time)
      }
    }
    tick(before: nil)
    trailingHold = max(trailingHold, pendingWait)
  }
}

/// Rebuilds a recorded session and checks it frame by frame.
public enum Replay {
  /// What a replay found.
  public struct Result: Sendable {
    /// The session as replayed (its recording equals the original when nothing differs).
    public var session: Session
    /// The first event whose frame differed (0-based; -1 for the initial frame), if any.
    public var firstMismatch: Int?
  }

  /// A recording whose scenario does not compile.
  public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The rendered diagnostics.
    public var description: String
  }

  /// Replays a recording, comparing each frame with the recorded fingerprint.
  public static func run(_ recording: Recording, keepFrames: Bool) throws(ScenarioError) -> Result {
    let compiled = ScenarioCompiler.compile(recording.source, fileName: recording.fileName)
    guard let scenario = compiled.scenario else {
      throw ScenarioError(
        description: compiled.diagnostics.map(\.rendered).joined(separator: "\n"))
    }
    let model = AppModel(
      scenario: scenario, size: recording.size,
      theme: Theme.named(recording.themeName) ?? .default,
      glyphs: recording.ascii ? .ascii : .unicode)
    var session = Session(
      model: model, source: recording.source, fileName: recording.fileName,
      themeName: recording.themeName, ascii: recording.ascii, keepFrames: keepFrames)
    var mismatch: Int? = session.recording.initialFrame == recording.initialFrame ? nil : -1
    for (index, event) in recording.events.enumerated() {
      session.send(event.message, at: event.time)
      if mismatch == nil, session.recording.events.last?.frame != event.frame { mismatch = index }
    }
    return Result(session: session, firstMismatch: mismatch)
  }
}
