/// An in-memory `TerminalBackend` for tests: it keeps what the screen shows
/// in a `Buffer`, replays scripted input events and counts what was written.
public struct TestBackend: TerminalBackend {
  /// What the (virtual) screen currently shows.
  public private(set) var screen: Buffer
  /// Events returned by `readEvent(timeoutMilliseconds:)`, oldest first.
  public var pendingEvents: [InputEvent]
  /// Number of `flush()` calls.
  public private(set) var flushCount = 0
  /// Number of `clear()` calls.
  public private(set) var clearCount = 0
  /// Total number of cells passed to `apply(_:)`.
  public private(set) var cellsWritten = 0
  /// The updates of the most recent `apply(_:)` call.
  public private(set) var lastUpdates: [CellUpdate] = []

  /// Creates a blank screen of `size` with optional scripted events.
  public init(size: Size, events: [InputEvent] = []) {
    self.screen = Buffer(size: size)
    self.pendingEvents = events
  }

  /// The screen size.
  public var size: Size { screen.size }

  /// Writes cells to the screen; cells outside it are counted but dropped.
  public mutating func apply(_ updates: [CellUpdate]) {
    for update in updates {
      screen[update.x, update.y] = update.cell
    }
    cellsWritten += updates.count
    lastUpdates = updates
  }

  /// Blanks the screen.
  public mutating func clear() {
    screen = Buffer(size: screen.size)
    clearCount += 1
  }

  /// Counts the flush.
  public mutating func flush() {
    flushCount += 1
  }

  /// Returns and removes the oldest scripted event, or `nil` when none is
  /// left (the timeout is ignored).
  public mutating func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
    pendingEvents.isEmpty ? nil : pendingEvents.removeFirst()
  }

  /// Appends a scripted event.
  public mutating func enqueue(_ event: InputEvent) {
    pendingEvents.append(event)
  }

  /// Simulates a terminal resize: the screen becomes a blank buffer of
  /// `size` and a `.resize` event is queued, like a real terminal.
  public mutating func resize(to size: Size) {
    screen = Buffer(size: size)
    pendingEvents.append(.resize(size))
  }

  /// Sets all counters back to zero.
  public mutating func resetCounters() {
    flushCount = 0
    clearCount = 0
    cellsWritten = 0
    lastUpdates = []
  }
}
