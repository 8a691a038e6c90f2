/// What a scheduled event does when its tick comes.
public enum EventKind: Hashable, Sendable {
  /// The CPU executes its next micro-operation.
  case cpu
  /// A physical channel moves one beat (or checks its request line).
  case channel(controller: Int, physical: Int)
  /// A peripheral shifts one word out of its FIFO.
  case shift(peripheral: Int)
  /// A peripheral receives one word from its wire into its receive FIFO.
  case receive(peripheral: Int)
  /// A controller's completion interrupt for a physical channel.
  case interrupt(controller: Int, physical: Int)
  /// The virt-dma completion tasklet (`vchan_complete`) of a virtual channel.
  case tasklet(controller: Int, channel: Int)
  /// The CPU's write buffer drains entries that have waited long enough.
  case writeBufferDrain
  /// A channel's oldest posted memory write lands in RAM.
  case postedWrite(controller: Int, physical: Int)
  /// A NIC's DMA engine does one bus transaction on its rings.
  case nic(peripheral: Int)
}

/// One event waiting for its tick.
public struct ScheduledEvent: Hashable, Sendable {
  /// When it fires.
  public var tick: UInt64
  /// Tie-breaker: events of one tick fire in the order they were scheduled.
  public var sequence: UInt64
  /// What it does.
  public var kind: EventKind
}

/// The machine's event queue, ordered by (tick, sequence) so runs are deterministic.
public struct Agenda: Hashable, Sendable {
  /// Pending events, earliest first.
  public private(set) var events: [ScheduledEvent] = []
  private var nextSequence: UInt64 = 0

  /// Creates an empty agenda.
  public init() {}

  /// Whether nothing is pending.
  public var isEmpty: Bool { events.isEmpty }

  /// Schedules an event.
  public mutating func schedule(_ kind: EventKind, at tick: UInt64) {
    let event = ScheduledEvent(tick: tick, sequence: nextSequence, kind: kind)
    nextSequence += 1
    let index =
      events.firstIndex { ($0.tick, $0.sequence) > (event.tick, event.sequence) } ?? events.count
    events.insert(event, at: index)
  }

  /// Whether an event of this kind is pending.
  public func contains(_ kind: EventKind) -> Bool { events.contains { $0.kind == kind } }

  /// Removes and returns the earliest event.
  public mutating func popFirst() -> ScheduledEvent? {
    events.isEmpty ? nil : events.removeFirst()
  }
}
