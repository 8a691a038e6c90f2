/// A bounded history of a machine's past states: periodic checkpoints plus deterministic replay.
///
/// Going back to step `n` restores the newest checkpoint at or before `n` and steps forward
/// again. Because `Machine.step()` is deterministic, the result equals the state seen going
/// forward. When `capacity` checkpoints are held, every other one is dropped and the interval
/// doubles, so memory stays bounded on arbitrarily long runs while step 0 is always kept; the
/// capacity shrinks with the size of a checkpoint so history memory stays within a byte budget.
public struct History: Sendable {
  /// Saved states, oldest first (the first is always the initial state).
  public private(set) var checkpoints: [Machine]
  /// Steps between checkpoints.
  public private(set) var interval: Int
  /// The most checkpoints kept.
  public let capacity: Int
  /// What happened in each segment: `summaries[i]` covers the steps after checkpoint `i` up
  /// to and including checkpoint `i + 1` (the last one: everything after it so far).
  public private(set) var summaries: [SegmentSummary] = [SegmentSummary()]
  /// The last step the summaries cover: every step up to it went through `record` in order.
  public private(set) var summarizedThrough = 0

  /// The bytes of checkpoints a history holds at most, by default (see `checkpointBytes`):
  /// a quarter of the default 1 GiB run budget.
  public static let defaultByteBudget = 256 << 20

  /// The checkpoint budget of a run held to `memoryLimit` resident bytes: a quarter of it, so
  /// the live machine, its log and the frames keep the rest.
  public static func byteBudget(memoryLimit: Int) -> Int { max(1, memoryLimit / 4) }

  /// Starts a history at `initial`. At most `capacity` checkpoints are kept, and fewer when
  /// `capacity` copies of the machine's unshared state would pass `byteBudget`: so a 16 MiB
  /// cache keeps 16 checkpoints, not 512 (8 GiB), and older steps are rebuilt by replaying
  /// further.
  public init(
    initial: Machine, interval: Int = 64, capacity: Int = 512,
    byteBudget: Int = History.defaultByteBudget
  ) {
    checkpoints = [initial]
    self.interval = max(1, interval)
    let affordable = max(1, byteBudget) / Self.checkpointBytes(initial)
    self.capacity = max(2, min(capacity, affordable))
  }

  /// What one checkpoint costs at most beyond what it shares with the live machine: the cache's
  /// bytes (one flat buffer, copied whole the first time the live cache changes after the
  /// checkpoint) and its slot records, plus 64 KiB for the rest of the state.
  public static func checkpointBytes(_ machine: Machine) -> Int {
    let geometry = machine.memory.cache.geometry
    return geometry.size + geometry.sets * geometry.ways * 32 + (64 << 10)
  }

  /// Records a state reached going forward; keeps it if it falls on a checkpoint boundary.
  /// With the log length and program counter of the state before the step, the step also
  /// joins its segment's summary (once: steps replayed again after going back are not added
  /// twice).
  public mutating func record(
    _ machine: Machine, logCountBefore: Int? = nil, programCounterBefore: Int? = nil
  ) {
    if machine.stepCount == summarizedThrough + 1, let logCountBefore, let programCounterBefore,
      !summaries.isEmpty
    {
      summaries[summaries.count - 1].add(
        machine, logCountBefore: logCountBefore, programCounterBefore: programCounterBefore)
      summarizedThrough = machine.stepCount
    }
    guard machine.stepCount % interval == 0,
      let last = checkpoints.last, machine.stepCount > last.stepCount
    else { return }
    checkpoints.append(machine)
    summaries.append(SegmentSummary())
    if checkpoints.count > capacity {
      checkpoints = checkpoints.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
      var merged: [SegmentSummary] = []
      for index in stride(from: 0, to: summaries.count, by: 2) {
        var summary = summaries[index]
        if index + 1 < summaries.count { summary.merge(summaries[index + 1]) }
        merged.append(summary)
      }
      summaries = merged
      interval *= 2
    }
  }

  /// Forgets checkpoints after `step` (after going back, the future is recomputed on demand).
  /// The summaries of dropped segments join the segment that now ends the history.
  public mutating func truncate(after step: Int) {
    var kept: [Machine] = []
    var keptSummaries: [SegmentSummary] = []
    for (index, checkpoint) in checkpoints.enumerated() {
      let summary = summaries.indices.contains(index) ? summaries[index] : SegmentSummary()
      if checkpoint.stepCount <= step || checkpoint.stepCount == 0 {
        kept.append(checkpoint)
        keptSummaries.append(summary)
      } else if !keptSummaries.isEmpty {
        keptSummaries[keptSummaries.count - 1].merge(summary)
      }
    }
    checkpoints = kept
    summaries = keptSummaries
    summarizedThrough = min(summarizedThrough, step)
  }

  /// The exact state at `step`, rebuilt from the nearest earlier checkpoint; nil if the machine
  /// stops before reaching it.
  public func machine(atStep step: Int) -> Machine? {
    guard step >= 0,
      var machine = checkpoints.last(where: { $0.stepCount <= step }) ?? checkpoints.first
    else { return nil }
    while machine.stepCount < step {
      guard machine.step() else { return nil }
    }
    return machine
  }

  /// The latest step `s < step` whose transition (state `s - 1` to state `s`) satisfies
  /// `isHit`, found by replaying checkpoint segments from the newest backwards. `probe`
  /// captures what `isHit` needs from the state before each step.
  public func lastStep<Probe>(
    before step: Int, probe: (Machine) -> Probe, where isHit: (Probe, Machine) -> Bool
  ) -> Int? {
    var segmentEnd = step
    for checkpoint in checkpoints.reversed() where checkpoint.stepCount < segmentEnd {
      var machine = checkpoint
      var found: Int?
      while machine.stepCount < segmentEnd - 1 {
        let before = probe(machine)
        guard machine.step() else { break }
        if isHit(before, machine) { found = machine.stepCount }
      }
      if let found { return found }
      segmentEnd = checkpoint.stepCount + 1
      if checkpoint.stepCount == 0 { break }
    }
    return nil
  }

  /// Checkpoints held (for memory statistics).
  public var count: Int { checkpoints.count }
}
