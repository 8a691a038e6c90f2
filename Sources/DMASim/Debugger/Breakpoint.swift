/// A breakpoint or watchpoint, numbered like gdb's: what stops a run, and how often.
public struct Breakpoint: Hashable, Sendable, Identifiable {
  /// What stops the run.
  public enum Kind: Hashable, Sendable {
    /// A kernel function runs: a scenario call begins, or any event names the function.
    /// Stops before the function's first event, as gdb stops at a function's first line.
    case call(String)
    /// A scenario line begins executing; stops before it runs.
    case line(Int)
    /// Any dma-debug, KASAN or simulator warning about a driver mistake.
    case violation
    /// A descriptor's transfer completes (`vchan_cookie_complete`).
    case descriptorComplete
    /// A cache line is evicted.
    case eviction
    /// The CPU or a device reads or writes a physical range (`watch`, `rwatch`, `awatch`).
    case watch(base: UInt64, size: UInt64, access: WatchAccess, by: WatchAccessor)
    /// The cache line holding an address becomes dirty.
    case becomesDirty(UInt64)
    /// The CPU's view of a physical range starts to differ from RAM.
    case cpuDiffersFromRAM(base: UInt64, size: UInt64)
  }

  /// The number shown to the user.
  public var id: Int
  /// What it stops on.
  public var kind: Kind
  /// Whether it is checked.
  public var enabled = true
  /// `tbreak`: deleted once it stops the run.
  public var temporary = false
  /// `:ignore N COUNT`: how many further hits pass without stopping.
  public var ignoreCount = 0
  /// `if EXPR` / `:condition N EXPR`: only a hit where the condition holds stops.
  public var condition: BreakCondition?

  /// Creates a breakpoint.
  public init(id: Int, kind: Kind, enabled: Bool = true, temporary: Bool = false) {
    self.id = id
    self.kind = kind
    self.enabled = enabled
    self.temporary = temporary
  }

  /// Whether the run stops in the state before the hitting step (function and line
  /// breakpoints, as gdb stops before a function's first statement) rather than after it
  /// (watchpoints and events, as gdb reports a watchpoint after the access).
  public var stopsBefore: Bool {
    switch kind {
    case .call, .line: true
    default: false
    }
  }

  /// How the breakpoint reads in lists and messages, in the `:break`/`:watch` syntax.
  public var text: String {
    let base = kindText
    let prefix = temporary && base.hasPrefix("break") ? "t" : ""
    return prefix + base + (condition.map { " if \($0.text)" } ?? "")
  }

  /// The kind alone in the command syntax.
  public var kindText: String {
    switch kind {
    case .call(let name): "break \(name)"
    case .line(let line): "break line \(line)"
    case .violation: "break violation"
    case .descriptorComplete: "break complete"
    case .eviction: "break evict"
    case .watch(let base, let size, let access, let accessor):
      "\(access.command) \(Hex.prefixed(base)) \(size)"
        + (accessor == .either ? "" : " \(accessor.rawValue)")
    case .becomesDirty(let address): "watch dirty \(Hex.prefixed(address))"
    case .cpuDiffersFromRAM(let base, let size): "watch differs \(Hex.prefixed(base)) \(size)"
    }
  }

  /// The kind's column in the breakpoint table (gdb's Type).
  public var typeName: String {
    switch kind {
    case .call, .line: "breakpoint"
    case .violation, .descriptorComplete, .eviction: "catchpoint"
    case .watch(_, _, let access, _): access.typeName
    case .becomesDirty, .cpuDiffersFromRAM: "watchpoint"
    }
  }

  /// The breakpoint's state condition in a state, for the kinds that fire when a condition
  /// becomes true (`becomesDirty`, `cpuDiffersFromRAM`); false for the others.
  public func stateCondition(in machine: Machine) -> Bool {
    switch kind {
    case .becomesDirty(let address): Self.isDirty(address, in: machine)
    case .cpuDiffersFromRAM(let base, let size): Self.differs(base, size, in: machine)
    default: false
    }
  }

  /// Whether the step that led to `after` triggers the breakpoint, given what was probed
  /// before the step (`probe.conditions[index]` is this breakpoint's state condition then,
  /// `probe.guards[index]` its `if` condition). Every match on log entries and touched
  /// addresses goes through `BreakpointMatch`.
  public func isHit(before probe: StepProbe, index: Int, after: Machine) -> Bool {
    guard enabled else { return false }
    if condition != nil, probe.guards.indices.contains(index), !probe.guards[index] {
      return false
    }
    switch kind {
    case .becomesDirty, .cpuDiffersFromRAM:
      let before = probe.conditions.indices.contains(index) ? probe.conditions[index] : false
      return !before && stateCondition(in: after)
    default:
      return BreakpointMatch.matches(kind, programCounterBefore: probe.programCounter, after)
    }
  }

  private static func isDirty(_ address: UInt64, in machine: Machine) -> Bool {
    guard let slot = machine.memory.cache.lookup(PhysAddr(address)) else { return false }
    return machine.memory.cache.line(slot).state == .dirty
  }

  private static func differs(_ base: UInt64, _ size: UInt64, in machine: Machine) -> Bool {
    for offset in 0..<min(size, 1 << 16) {
      let (address, overflow) = base.addingReportingOverflow(offset)
      if overflow { break }
      if machine.memory.cache.peek(PhysAddr(address), ram: machine.memory.ram)
        != machine.memory.ram.byte(at: PhysAddr(address))
      {
        return true
      }
    }
    return false
  }
}

/// Which accesses a watchpoint stops on.
public enum WatchAccess: String, Hashable, Sendable, CaseIterable {
  /// `watch`: writes.
  case write
  /// `rwatch`: reads.
  case read
  /// `awatch`: reads and writes.
  case any

  /// The command that sets it.
  public var command: String {
    switch self {
    case .write: "watch"
    case .read: "rwatch"
    case .any: "awatch"
    }
  }

  /// The name in the breakpoint table, as gdb lists them.
  public var typeName: String {
    switch self {
    case .write: "hw watchpoint"
    case .read: "read watchpoint"
    case .any: "acc watchpoint"
    }
  }

  /// Whether an access of this direction counts.
  public func includes(write: Bool) -> Bool {
    switch self {
    case .write: write
    case .read: !write
    case .any: true
    }
  }
}

/// Whose accesses a watchpoint stops on.
public enum WatchAccessor: String, Hashable, Sendable, CaseIterable {
  /// The CPU (loads, stores, write-buffer drains, swiotlb copies).
  case cpu
  /// A bus master: a DMA channel's beats and descriptor fetches, a NIC.
  case device
  /// Either.
  case either
}
