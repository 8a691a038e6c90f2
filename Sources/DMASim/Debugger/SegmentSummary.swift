/// What happened between two history checkpoints, kept while stepping forward so reverse
/// commands replay only the segments that can hold a stop: the functions logged or called,
/// the lines begun, the 64-byte lines the CPU and devices read and wrote, whether statements
/// began, a transfer was in flight, descriptors moved or completed, lines were evicted,
/// dma-debug (or another checker) reported, or a `pause` was reached.
///
/// A summary over-approximates: `mayHit` answers false only when no step of the segment can
/// match, by the same facts `BreakpointMatch` reads (the step's log entries, the actions it
/// began, its `Touch`). Kinds that fire on a state change (`becomesDirty`,
/// `cpuDiffersFromRAM`) are always candidates: the state also changes on paths no `Touch`
/// records (zeroing a coherent or pool allocation through the cache), so only a replay can
/// rule them out.
public struct SegmentSummary: Hashable, Sendable {
  /// Functions of every log entry, and of every scenario call begun.
  public var functions: Set<String> = []
  /// Scenario lines of the actions begun.
  public var lines: Set<Int> = []
  /// 64-byte line numbers (physical address / 64) accessed, per kind of access.
  public var accessed: [AccessKind: Set<UInt64>] = [:]
  /// Access kinds of which one access spanned more than `wideLines` lines: any address of
  /// that kind may have been touched.
  public var wide: Set<AccessKind> = []
  /// Whether any step began a statement (the program counter moved on).
  public var statementsBegun = false
  /// Whether a transfer was in flight after any step.
  public var transferInFlight = false
  /// Whether any descriptor moved between virt-dma lists or channels.
  public var descriptorsMoved = false
  /// Whether any descriptor completed.
  public var completions = false
  /// Whether any cache line was evicted.
  public var evictions = false
  /// Whether any `.debug` entry (dma-debug, KASAN, coherency, IOMMU fault…) was logged.
  public var violations = false
  /// Whether a `pause` (or `ask`) checkpoint was reached.
  public var pauses = false

  /// The granule of `accessed`: 64 bytes, the cache line of every board.
  static let granuleShift: UInt64 = 6
  /// An access over more lines than this marks its kind `wide` instead of listing them.
  static let wideLines: UInt64 = 4096

  /// Who made an access and which way.
  public enum AccessKind: Hashable, Sendable, CaseIterable {
    case cpuRead, cpuWrite, deviceRead, deviceWrite

    init(_ access: MemoryAccess) {
      switch (access.byCPU, access.isWrite) {
      case (true, false): self = .cpuRead
      case (true, true): self = .cpuWrite
      case (false, false): self = .deviceRead
      case (false, true): self = .deviceWrite
      }
    }

    /// Whether a watchpoint of this access and accessor sees this kind.
    func watched(by access: WatchAccess, _ accessor: WatchAccessor) -> Bool {
      let cpu = self == .cpuRead || self == .cpuWrite
      let write = self == .cpuWrite || self == .deviceWrite
      guard access.includes(write: write) else { return false }
      switch accessor {
      case .cpu: return cpu
      case .device: return !cpu
      case .either: return true
      }
    }
  }

  /// An empty summary.
  public init() {}

  /// Adds the step that led to `machine`; `logCountBefore` and `programCounterBefore` are
  /// from the state before it.
  mutating func add(_ machine: Machine, logCountBefore: Int, programCounterBefore: Int) {
    // Every entry is stamped with the step that logs it (`Machine.log`), so these are the
    // entries `entriesOfLastStep` gives the matcher.
    let added = machine.log.count - logCountBefore
    if added > 0 {
      for entry in machine.log.suffix(added) {
        functions.insert(entry.function)
        if entry.source == .debug { violations = true }
      }
    }
    if machine.cpu.programCounter > programCounterBefore { statementsBegun = true }
    for action in machine.actionsBegun(since: programCounterBefore) {
      lines.insert(action.line)
      functions.insert(action.operation.functionName)
    }
    let touch = machine.lastTouch
    for access in MemoryAccess.all(in: touch) { note(access) }
    if !touch.descriptors.isEmpty { descriptorsMoved = true }
    if !touch.completedDescriptors.isEmpty { completions = true }
    if !touch.evictions.isEmpty { evictions = true }
    if touch.pause { pauses = true }
    if !transferInFlight, machine.transferInFlight { transferInFlight = true }
  }

  /// Adds one access's lines (an empty access counts the line its address falls in, since a
  /// watched range around it sees it).
  private mutating func note(_ access: MemoryAccess) {
    let kind = AccessKind(access)
    guard !wide.contains(kind) else { return }
    let first = access.base >> Self.granuleShift
    let end = access.base.addingReportingOverflow(max(access.size, 1) - 1)
    let last = (end.overflow ? UInt64.max : end.partialValue) >> Self.granuleShift
    guard last - first < Self.wideLines else {
      wide.insert(kind)
      accessed[kind] = nil
      return
    }
    for line in first...last { accessed[kind, default: []].insert(line) }
  }

  /// Adds another segment's summary.
  mutating func merge(_ other: SegmentSummary) {
    functions.formUnion(other.functions)
    lines.formUnion(other.lines)
    wide.formUnion(other.wide)
    for (kind, set) in other.accessed where !wide.contains(kind) {
      accessed[kind, default: []].formUnion(set)
    }
    for kind in wide { accessed[kind] = nil }
    statementsBegun = statementsBegun || other.statementsBegun
    transferInFlight = transferInFlight || other.transferInFlight
    descriptorsMoved = descriptorsMoved || other.descriptorsMoved
    completions = completions || other.completions
    evictions = evictions || other.evictions
    violations = violations || other.violations
    pauses = pauses || other.pauses
  }

  /// Whether a step of this segment can hit the breakpoint (false only when it surely
  /// cannot; its `if` condition and ignore count are not consulted, and state-change
  /// watchpoints always may).
  public func mayHit(_ breakpoint: Breakpoint) -> Bool {
    guard breakpoint.enabled else { return false }
    switch breakpoint.kind {
    case .call(let name): return functions.contains(name)
    case .line(let line): return lines.contains(line)
    case .violation: return violations
    case .descriptorComplete: return completions
    case .eviction: return evictions
    case .watch(let base, let size, let access, let accessor):
      // An empty watch still sees an access spanning its base (`watchedAccesses`), so it
      // counts the line its base falls in.
      let last = base.addingReportingOverflow(max(size, 1) - 1)
      let first = base >> Self.granuleShift
      let end = (last.overflow ? UInt64.max : last.partialValue) >> Self.granuleShift
      return AccessKind.allCases.contains { kind in
        guard kind.watched(by: access, accessor) else { return false }
        if wide.contains(kind) { return true }
        guard let set = accessed[kind], !set.isEmpty else { return false }
        if end - first < UInt64(set.count) {
          return (first...end).contains { set.contains($0) }
        }
        return set.contains { $0 >= first && $0 <= end }
      }
    case .becomesDirty, .cpuDiffersFromRAM: return true
    }
  }
}
