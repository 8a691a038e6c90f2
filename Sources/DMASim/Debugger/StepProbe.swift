/// What stepping needs to know about the state before a step, captured without copying the
/// machine (a copy would make every copy-on-write array of the next step copy itself).
public struct StepProbe: Hashable, Sendable {
  /// The CPU's program counter.
  public var programCounter: Int
  /// Whether a transfer was in flight.
  public var transferInFlight: Bool
  /// Each breakpoint's state condition (same order as the breakpoints).
  public var conditions: [Bool]
  /// Each breakpoint's `if` condition in this state (true for those without one).
  public var guards: [Bool]
  /// The log's length, so the step's own entries can be found afterwards.
  public var logCount: Int
  /// Each watchpoint's bytes before the step, CPU view and RAM (empty for other kinds, and
  /// for every kind when the probe was taken without them).
  public var watched: [WatchedBytes]

  /// Probes a machine for a set of breakpoints. Matching needs no watched bytes (only the
  /// hit's old/new report does), so a scan passes `watchedBytes: false` and rebuilds the
  /// bytes of the one step it stops at: copying up to 4 KiB per watchpoint through the cache
  /// on every step made a 3,000-step reverse scan with one such watch take seconds.
  public init(_ machine: Machine, breakpoints: [Breakpoint] = [], watchedBytes: Bool = true) {
    programCounter = machine.cpu.programCounter
    transferInFlight = machine.transferInFlight
    logCount = machine.log.count
    conditions = breakpoints.map { $0.enabled && $0.stateCondition(in: machine) }
    guards = breakpoints.map { breakpoint in
      guard breakpoint.enabled, let condition = breakpoint.condition else { return true }
      return condition.holds(in: machine)
    }
    watched = breakpoints.map { breakpoint in
      guard watchedBytes, breakpoint.enabled,
        case .watch(let base, let size, _, _) = breakpoint.kind
      else {
        return WatchedBytes()
      }
      return WatchedBytes(machine, base: base, size: size)
    }
  }
}

/// A watched range's bytes as the CPU sees them and as they are in RAM.
public struct WatchedBytes: Hashable, Sendable {
  /// The CPU's view (through the cache and write buffer).
  public var cpu: [UInt8] = []
  /// RAM (what a non-coherent device reads).
  public var ram: [UInt8] = []

  /// Nothing captured.
  public init() {}

  /// The first 4 KiB of a range.
  public init(_ machine: Machine, base: UInt64, size: UInt64) {
    let count = Int(min(size, 4096))
    guard count > 0, base <= UInt64.max - UInt64(count) else { return }
    let cacheable = machine.cpuMapsCacheable(PhysAddr(base))
    for offset in 0..<UInt64(count) {
      let at = PhysAddr(base + offset)
      let inRAM = machine.memory.ram.byte(at: at)
      ram.append(inRAM)
      // The CPU sees its own buffered stores first (Machine.views(of:count:device:)).
      cpu.append(
        machine.memory.writeBuffer.byte(at: at)
          ?? (cacheable ? machine.memory.cache.peek(at, ram: machine.memory.ram) : inRAM))
    }
  }
}
