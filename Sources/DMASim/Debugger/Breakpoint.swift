/// What stepping needs to know about the state before a step, captured without copying the
/// machine (a copy would make every copy-on-write array of the next step copy itself).
public struct StepProbe: Hashable, Sendable {
  /// The CPU's program counter.
  public var programCounter: Int
  /// Whether a transfer was in flight.
  public var transferInFlight: Bool
  /// Each breakpoint's `condition` (same order as the breakpoints).
  public var conditions: [Bool]

  /// Probes a machine for a set of breakpoints.
  public init(_ machine: Machine, breakpoints: [Breakpoint] = []) {
    programCounter = machine.cpu.programCounter
    transferInFlight = machine.transferInFlight
    conditions = breakpoints.map { $0.enabled && $0.condition(in: machine) }
  }
}

/// A breakpoint or watchpoint: a condition checked after every step.
public struct Breakpoint: Hashable, Sendable, Identifiable {
  /// What stops the run.
  public enum Kind: Hashable, Sendable {
    /// A kernel function runs: a scenario call begins, or any event names the function.
    case call(String)
    /// A scenario line begins executing.
    case line(Int)
    /// Any dma-debug, KASAN or simulator warning about a driver mistake.
    case violation
    /// A descriptor's transfer completes (`vchan_cookie_complete`).
    case descriptorComplete
    /// A cache line is evicted.
    case eviction
    /// The CPU or a device touches a physical range.
    case touch(base: UInt64, size: UInt64)
    /// The cache line holding an address becomes dirty.
    case becomesDirty(UInt64)
    /// The CPU's view of a physical range starts to differ from RAM.
    case cpuDiffersFromRAM(base: UInt64, size: UInt64)
  }

  /// The number shown to the user.
  public var id: Int
  /// The condition.
  public var kind: Kind
  /// Whether it is checked.
  public var enabled = true

  /// Creates a breakpoint.
  public init(id: Int, kind: Kind, enabled: Bool = true) {
    self.id = id
    self.kind = kind
    self.enabled = enabled
  }

  /// How the breakpoint reads in lists and messages, in the `:break`/`:watch` syntax.
  public var text: String {
    switch kind {
    case .call(let name): "break \(name)"
    case .line(let line): "break line \(line)"
    case .violation: "break violation"
    case .descriptorComplete: "break complete"
    case .eviction: "break evict"
    case .touch(let base, let size): "watch \(Hex.prefixed(base)) \(size)"
    case .becomesDirty(let address): "watch dirty \(Hex.prefixed(address))"
    case .cpuDiffersFromRAM(let base, let size): "watch differs \(Hex.prefixed(base)) \(size)"
    }
  }

  /// The breakpoint's condition in a state, for the kinds that fire when a condition becomes
  /// true (`becomesDirty`, `cpuDiffersFromRAM`); false for the others.
  public func condition(in machine: Machine) -> Bool {
    switch kind {
    case .becomesDirty(let address): Self.isDirty(address, in: machine)
    case .cpuDiffersFromRAM(let base, let size): Self.differs(base, size, in: machine)
    default: false
    }
  }

  /// Whether the step that led to `after` triggers the breakpoint, given what was probed
  /// before the step (`probe.conditions[index]` is this breakpoint's condition then).
  public func isHit(before probe: StepProbe, index: Int, after: Machine) -> Bool {
    guard enabled else { return false }
    switch kind {
    case .call(let name):
      // A scenario call stops once, where it begins; any other kernel function (one the
      // kernel runs on the driver's behalf, like arch_sync_dma_for_device or vchan_complete)
      // stops at each step that logs it.
      if after.program.actions.contains(where: { $0.operation.functionName == name }) {
        return after.actionsBegun(since: probe.programCounter).contains {
          $0.operation.functionName == name
        }
      }
      return after.entriesOfLastStep.contains { $0.function == name }
    case .line(let line):
      return after.actionsBegun(since: probe.programCounter).contains { $0.line == line }
    case .violation:
      return after.entriesOfLastStep.contains { $0.source == .debug }
    case .descriptorComplete:
      return !after.lastTouch.completedDescriptors.isEmpty
    case .eviction:
      return !after.lastTouch.evictions.isEmpty
    case .touch(let base, let size):
      return after.lastTouch.physical.contains {
        $0.base < base + size && base < $0.base + $0.size
      }
    case .becomesDirty, .cpuDiffersFromRAM:
      let before = probe.conditions.indices.contains(index) ? probe.conditions[index] : false
      return !before && condition(in: after)
    }
  }

  private static func isDirty(_ address: UInt64, in machine: Machine) -> Bool {
    guard let slot = machine.cache.lookup(PhysAddr(address)) else { return false }
    return machine.cache.line(slot).state == .dirty
  }

  private static func differs(_ base: UInt64, _ size: UInt64, in machine: Machine) -> Bool {
    for offset in 0..<min(size, 1 << 16) {
      let address = PhysAddr(base + offset)
      if machine.cache.peek(address, ram: machine.ram) != machine.ram.byte(at: address) {
        return true
      }
    }
    return false
  }
}
