/// What the memory system reaches outside itself when the CPU or the kernel uses it: the clock
/// and step for the cache's ages and the log, the board's architecture for instruction names,
/// the views' highlights, the agenda for the write buffer's timed drain, and a call's operands.
/// `Machine` is the real one; a memory test uses a fake.
protocol MemoryBus {
  /// Events executed so far (cache lines remember the step that touched them).
  var stepCount: Int { get }
  /// The simulated clock in ticks (write-buffer entries age by it).
  var clock: UInt64 { get }
  /// The board's architecture: it names the maintenance and barrier instructions.
  var architecture: Architecture { get }
  /// Whether a timed write-buffer drain is already on the agenda.
  var writeBufferDrainPending: Bool { get }
  /// A physical range the access touched, for the views.
  mutating func touched(_ region: MemoryRegion)
  /// A cache slot the access read, wrote or maintained, for the views.
  mutating func touched(slot: CacheSlot)
  /// A line the access evicted, for the views.
  mutating func touched(eviction line: PhysAddr)
  /// Schedules a hardware event (the write buffer's timed drain).
  mutating func schedule(_ kind: EventKind, at tick: UInt64)
  /// Takes `size` bytes of the vmalloc area for a remap (and a guard page after it).
  mutating func vmallocArea(size: UInt64) -> VirtAddr
  /// The value of a call's operand, logging a driver error when it is undefined.
  mutating func resolve(_ operand: Operand, for function: String) -> Value?
  /// Stores a call's result, if the call names a variable.
  mutating func assign(_ value: Value, to name: String?)
  /// Logs an event of the current step.
  mutating func emit(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String?,
    addresses: [LogAddress], subjects: [LogSubject])
}

extension MemoryBus {
  /// Logs an event of the current step.
  mutating func log(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String? = nil,
    addresses: [LogAddress] = [], subjects: [LogSubject] = []
  ) {
    emit(source, function, message, detail: detail, addresses: addresses, subjects: subjects)
  }
}
