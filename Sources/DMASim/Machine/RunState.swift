/// Where a run is: the clock, the steps taken, what the last step touched, and the counter
/// that names simulated objects.
public struct RunState: Hashable, Sendable {
  /// The simulated clock in ticks.
  public internal(set) var clock: UInt64 = 0
  /// Events executed so far.
  public internal(set) var stepCount = 0
  /// What the last step touched, for highlighting.
  public internal(set) var lastTouch = Touch()
  /// The next object number (allocations, mappings, sg tables, pools).
  var nextID = 1

  /// A run at tick 0, before any step.
  public init() {}
}
