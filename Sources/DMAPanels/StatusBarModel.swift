/// What the status bar shows: the lesson, the step and tick, and the run state.
public struct StatusBarModel: Hashable, Sendable {
  /// The lesson title.
  public var title: String
  /// Whether the simulation is running (vs paused).
  public var running: Bool
  /// Steps per second while running.
  public var speed: Int
  /// Whether a run stops at the next narration (shown as `playing` rather than `running`).
  public var lecture: Bool
  /// Whether a lecture run crosses a long stretch faster than the chosen speed (shown as
  /// `fast` rather than `playing`, with the speed it plays at).
  public var fastForward: Bool = false
  /// A transient message (history limits, errors), shown instead of the title.
  public var message: String?
  /// Whether the program has finished.
  public var finished: Bool
  /// Steps taken.
  public var step: Int
  /// The simulated clock, in ticks.
  public var tick: UInt64

  /// Creates a model.
  public init(
    title: String, running: Bool = false, speed: Int = 1, lecture: Bool = false,
    message: String? = nil, finished: Bool = false, step: Int = 0, tick: UInt64 = 0
  ) {
    self.title = title
    self.running = running
    self.speed = speed
    self.lecture = lecture
    self.message = message
    self.finished = finished
    self.step = step
    self.tick = tick
  }
}
