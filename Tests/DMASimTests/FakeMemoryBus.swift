@testable import DMASim

/// A bus for memory-system tests: a clock the test moves, a vmalloc cursor, the driver's
/// variables, and records of what the memory system touched, scheduled and logged. No
/// machine, board or scenario.
struct FakeMemoryBus: MemoryBus {
  var stepCount = 3
  var clock: UInt64 = 10
  var architecture = Architecture.arm64
  var writeBufferDrainPending = false
  var nextVmalloc: UInt64 = 0xffff_8000_0000_0000
  var variables: [String: Value] = [:]
  var regions: [MemoryRegion] = []
  var slots: [CacheSlot] = []
  var evictions: [PhysAddr] = []
  var scheduled: [(EventKind, UInt64)] = []
  var logged: [(function: String, message: String)] = []
  var debugLogged: [String] = []

  mutating func touched(_ region: MemoryRegion) { regions.append(region) }

  mutating func touched(slot: CacheSlot) { slots.append(slot) }

  mutating func touched(eviction line: PhysAddr) { evictions.append(line) }

  mutating func schedule(_ kind: EventKind, at tick: UInt64) { scheduled.append((kind, tick)) }

  mutating func vmallocArea(size: UInt64) -> VirtAddr {
    defer { nextVmalloc += size + 4096 }
    return VirtAddr(nextVmalloc)
  }

  mutating func resolve(_ operand: Operand, for function: String) -> Value? {
    guard case .variable(let name) = operand else { return nil }
    return variables[name]
  }

  mutating func assign(_ value: Value, to name: String?) {
    if let name { variables[name] = value }
  }

  mutating func emit(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String?,
    addresses: [LogAddress], subjects: [LogSubject]
  ) {
    if source == .debug { debugLogged.append(message) } else { logged.append((function, message)) }
  }
}
