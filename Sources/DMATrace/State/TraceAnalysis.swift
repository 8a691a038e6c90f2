/// A whole trace read once, forward: every finding, every mapping's lifetime, the state at the
/// end, and checkpoints so any earlier state is a short replay away.
public struct TraceAnalysis: Sendable {
  /// The events, in file order.
  public let events: [TraceEvent]
  /// Every finding, in event order.
  public let findings: [TraceFinding]
  /// Every mapping's lifetime, in the order they were made.
  public let lifetimes: [TraceLifetime]
  /// The state after the last event.
  public let final: TraceState
  /// Events between checkpoints.
  public let checkpointInterval: Int
  /// `checkpoints[k]` is the state after `k * checkpointInterval` events.
  private let checkpoints: [TraceState]
  /// Positions in `findings` by event index.
  private let findingsByEvent: [Int: Range<Int>]

  /// Reads the events once. A checkpoint every `checkpointInterval` events (at least 1) bounds
  /// a step back to that many replayed events.
  public init(events: [TraceEvent], checkpointInterval: Int = 1024) {
    self.events = events
    let interval = max(1, checkpointInterval)
    self.checkpointInterval = interval
    var state = TraceState()
    var checkpoints: [TraceState] = [state]
    var findings: [TraceFinding] = []
    var lifetimes: [TraceLifetime] = []
    var lifetimeByStart: [Int: Int] = [:]
    for (index, event) in events.enumerated() {
      let outcome = state.apply(event, index: index)
      findings += outcome.findings
      for ended in outcome.ended {
        if let at = lifetimeByStart.removeValue(forKey: ended.eventIndex) {
          lifetimes[at].end = index
        }
      }
      if let made = Self.made(by: event, in: state, index: index) {
        lifetimeByStart[index] = lifetimes.count
        lifetimes.append(
          TraceLifetime(
            device: made.device, kind: made.kind, dmaAddress: made.dmaAddress, size: made.size,
            start: index, end: nil))
      }
      if (index + 1) % interval == 0 { checkpoints.append(state) }
    }
    var byEvent: [Int: Range<Int>] = [:]
    for (position, finding) in findings.enumerated() {
      let range = byEvent[finding.eventIndex] ?? position..<position
      byEvent[finding.eventIndex] = range.lowerBound..<(position + 1)
    }
    self.findingsByEvent = byEvent
    self.devices = state.devices.values.sorted { $0.firstEventIndex < $1.firstEventIndex }
      .map(\.name)
    self.findings = findings
    self.lifetimes = lifetimes
    self.final = state
    self.checkpoints = checkpoints
  }

  /// The mapping an event made, if it made one that is live right after it.
  private static func made(by event: TraceEvent, in state: TraceState, index: Int)
    -> TraceLiveMapping?
  {
    guard let device = event.device else { return nil }
    let address: UInt64
    switch event.kind {
    case .map(let m): address = m.dmaAddress
    case .alloc(let a): address = a.dmaAddress
    case .mapSG(let s):
      guard let first = s.dmaAddresses.first else { return nil }
      address = first
    case .allocSGT(let s): address = s.dmaAddress ?? 0
    default: return nil
    }
    guard let live = state.mappings[device]?[address], live.eventIndex == index else { return nil }
    return live
  }

  /// The state after `steps` events (clamped to the trace): the nearest checkpoint at or
  /// before it, replayed forward.
  public func state(after steps: Int) -> TraceState {
    let target = min(max(0, steps), events.count)
    let slot = min(target / checkpointInterval, checkpoints.count - 1)
    var state = checkpoints[slot]
    var index = slot * checkpointInterval
    while index < target {
      state.apply(events[index], index: index)
      index += 1
    }
    return state
  }

  /// Findings of one event.
  public func findings(at index: Int) -> [TraceFinding] {
    findingsByEvent[index].map { Array(findings[$0]) } ?? []
  }

  /// Device names in order of first appearance.
  public let devices: [String]
}
