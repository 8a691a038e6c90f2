import TermCanvas

extension Session {
  /// What `:record start FILE` records until `:record stop`.
  struct Clip: Sendable {
    /// Where it goes.
    var path: String
    /// Whether it is an asciicast (`.cast`), else a recording (`.dmarec`).
    var cast: Bool
    /// The first event after the `:record start` command.
    var startIndex: Int
    /// Its time, milliseconds since the session began.
    var startTime: Int
    /// The frames since the start (for a cast), timed from it.
    var frames: [Frame]
  }

  /// Starts or stops the clip on the model's `:record start` / `:record stop` effects.
  mutating func clipEffect(_ effect: Effect, at time: Int, frame: Buffer) {
    switch effect {
    case .startRecording(let path, _):
      clip = Clip(
        path: path, cast: path.hasSuffix(".cast"), startIndex: recording.events.count,
        startTime: time,
        frames: [Frame(time: 0, buffer: frame, clock: model.machine.clock, markers: [])])
    case .stopRecording:
      guard let clip else { return }
      // The keys of `:record stop` itself are left out: the clip ends where its command line
      // opened.
      let end = max(
        clip.startIndex,
        min(
          commandLineOpenedAt ?? recording.events.count,
          recording.events.count))
      finishedClip = (clip.path, clipText(clip, end: end))
      self.clip = nil
    default: break
    }
  }

  /// A clip as the file it is written to.
  private func clipText(_ clip: Clip, end: Int) -> String {
    let shown = end - clip.startIndex
    if clip.cast {
      let frames = Array(clip.frames.prefix(shown + 1))
      return AsciicastWriter.cast(
        frames: frames, width: recording.size.width, height: recording.size.height,
        title: "dmascope: \(recording.title)", pace: 0, byTime: true,
        endHold: frames.last.map { _ in 500 })
    }
    // A recording must rebuild the state the clip starts from: the events before it replay
    // at once (time 0), the clip's at their times from its start.
    var clipped = recording
    let before = recording.events[..<clip.startIndex].map {
      Recording.Event(time: 0, message: $0.message, frame: $0.frame)
    }
    let during = recording.events[clip.startIndex..<end].map {
      Recording.Event(time: $0.time - clip.startTime, message: $0.message, frame: $0.frame)
    }
    clipped.events = before + during
    return clipped.text
  }

  /// The recording `:record stop` finished (path and file text), once: the runtime writes it.
  public mutating func takeFinishedClip() -> (path: String, text: String)? {
    defer { finishedClip = nil }
    return finishedClip
  }

  /// Drops the clip `:record start` began when the runtime refuses its path, with the reason
  /// in the status bar (not part of the recording).
  public mutating func cancelClip(because reason: String) {
    clip = nil
    model.cancelRecording(because: reason)
  }
}
