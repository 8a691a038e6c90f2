import DMASim

extension AppModel {
  /// The longest wall time, in milliseconds, a lecture run takes between two stops at any speed.
  public static let longestLectureRun = 6000
  /// The shortest timer interval of a fast-forwarded run, in milliseconds (50 frames a second).
  public static let fastTickMilliseconds = 20
  /// How many steps ahead a lecture run looks for its stop; a stretch longer than that is
  /// crossed in pieces of this many steps, each measured when the one before has run.
  public static let lectureLookAhead = 50_000

  /// One step of a running simulation: the debugger's step, the question it reached, and a
  /// lecture run's stop on the narration it reached (with its state on screen).
  mutating func advanceRun() {
    report(debugger.step(), stopsRunning: true)
    openQuizIfAsked()
    if running, runPacing == .lecture, machine.lastTouch.narrated { running = false }
    if running, var fast = fastForward {
      fast.remaining -= 1
      fastForward = fast
      if fast.remaining <= 0 { paceLectureRun() }
    }
  }

  /// How many steps a lecture run from here takes to its stop (a narration, `pause`, `ask`,
  /// breakpoint or the end), run on a copy of the model; nil when it has not stopped within
  /// `limit` steps.
  func stepsToLectureStop(limit: Int) -> Int? {
    var probe = self
    probe.fastForward = nil
    probe.runPacing = .lecture
    probe.running = true
    var steps = 0
    while probe.running, steps < limit {
      probe.advanceRun()
      steps += 1
    }
    return probe.running ? nil : steps
  }

  /// Chooses the pace of a lecture run starting here: the chosen speed when the stretch to the
  /// stop takes at most `longestLectureRun` at it, else fast enough to take that long.
  mutating func paceLectureRun() {
    fastForward = nil
    guard running, runPacing == .lecture else { return }
    let steps = stepsToLectureStop(limit: Self.lectureLookAhead) ?? Self.lectureLookAhead
    guard steps * 1000 > stepsPerSecond * Self.longestLectureRun else { return }
    fastForward = FastForward(
      steps: steps, milliseconds: Self.longestLectureRun, shortestTick: Self.fastTickMilliseconds)
  }

  /// Steps per second of the run as it goes: the chosen speed, or a fast-forward's.
  public var effectiveStepsPerSecond: Int {
    fastForward?.stepsPerSecond ?? stepsPerSecond
  }
}
