/// How a lecture run crosses a long stretch between two stops: faster than the chosen speed,
/// so the stretch takes at most `AppModel.longestLectureRun` milliseconds of wall time.
///
/// A presenter pressing Space wants the next point, not minutes of beats nothing new is
/// said about: the run counts the steps to its stop first (on a copy of the model) and, when
/// they would take longer than that at the chosen speed, plays them in that time instead.
public struct FastForward: Hashable, Sendable {
  /// Steps each timer tick advances.
  public var stepsPerTick: Int
  /// Milliseconds between two timer ticks.
  public var tickMilliseconds: Int
  /// Steps left of the stretch that was measured (a stretch longer than the measuring limit
  /// is measured again when they run out).
  public var remaining: Int
  /// The stretch's length in steps, as measured.
  public var steps: Int

  /// The pace that crosses `steps` in about `milliseconds`, with ticks at least
  /// `shortestTick` milliseconds apart.
  init(steps: Int, milliseconds: Int, shortestTick: Int) {
    let steps = max(1, steps)
    let ticks = max(1, milliseconds / max(1, shortestTick))
    stepsPerTick = max(1, (steps + ticks - 1) / ticks)
    let tickCount = (steps + stepsPerTick - 1) / stepsPerTick
    tickMilliseconds = max(shortestTick, milliseconds / tickCount)
    remaining = steps
    self.steps = steps
  }

  /// Steps per second at this pace.
  public var stepsPerSecond: Int { stepsPerTick * 1000 / max(1, tickMilliseconds) }
}
