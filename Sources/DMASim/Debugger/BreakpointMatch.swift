/// The one place breakpoints are matched against what a step did: the log entries it wrote
/// (`LogEntry.function`, `LogEntry.source`), the actions it began and the addresses it touched.
public enum BreakpointMatch {
  /// Whether the step that led to `after` (from a state whose program counter was
  /// `programCounterBefore`) matches a kind. State-change kinds (`becomesDirty`,
  /// `cpuDiffersFromRAM`) need the state before and are decided by `Breakpoint.isHit`.
  public static func matches(_ kind: Breakpoint.Kind, programCounterBefore: Int, _ after: Machine)
    -> Bool
  {
    switch kind {
    case .call(let name):
      // A scenario call stops once, where it begins; any other kernel function (one the
      // kernel runs on the driver's behalf, like arch_sync_dma_for_device or vchan_complete)
      // stops at each step that logs it.
      if after.program.actions.contains(where: { $0.operation.functionName == name }) {
        return after.actionsBegun(since: programCounterBefore).contains {
          $0.operation.functionName == name
        }
      }
      return after.entriesOfLastStep.contains { $0.function == name }
    case .line(let line):
      return after.actionsBegun(since: programCounterBefore).contains {
        $0.line == line
      }
    case .violation:
      return after.entriesOfLastStep.contains { $0.source == .debug }
    case .descriptorComplete:
      return !after.lastTouch.completedDescriptors.isEmpty
    case .eviction:
      return !after.lastTouch.evictions.isEmpty
    case .watch(let base, let size, let access, let accessor):
      return !watchedAccesses(after.lastTouch, base: base, size: size, access, accessor).isEmpty
    case .becomesDirty, .cpuDiffersFromRAM:
      return false
    }
  }

  /// The accesses of a step that a watchpoint on `base..<base+size` sees.
  public static func watchedAccesses(
    _ touch: Touch, base: UInt64, size: UInt64, _ access: WatchAccess, _ accessor: WatchAccessor
  ) -> [MemoryAccess] {
    let end = base.addingReportingOverflow(size).overflow ? UInt64.max : base + size
    return MemoryAccess.all(in: touch).filter { item in
      let itemEnd =
        item.base.addingReportingOverflow(item.size).overflow ? UInt64.max : item.base + item.size
      guard item.base < end, base < itemEnd, access.includes(write: item.isWrite) else {
        return false
      }
      switch accessor {
      case .cpu: return item.byCPU
      case .device: return !item.byCPU
      case .either: return true
      }
    }
  }
}

/// One memory access of a step, as a watchpoint sees it.
public struct MemoryAccess: Hashable, Sendable {
  /// What the machine called it (`store`, `load`, `dma`, `dma write`, `drain`, `desc fetch`).
  public var what: String
  /// Whether it wrote.
  public var isWrite: Bool
  /// Whether the CPU made it (else a bus master).
  public var byCPU: Bool
  /// The physical range.
  public var base: UInt64
  /// Its length in bytes.
  public var size: UInt64

  /// The accesses recorded in a step's `Touch`.
  public static func all(in touch: Touch) -> [MemoryAccess] {
    touch.physical.map { region in
      let (write, cpu): (Bool, Bool) =
        switch region.name {
        case "store", "drain": (true, true)
        case "load": (false, true)
        case "dma write": (true, false)
        default: (false, false)  // "dma", "desc fetch", "lli fetch": bus reads
        }
      return MemoryAccess(
        what: region.name, isWrite: write, byCPU: cpu, base: region.base, size: region.size)
    }
  }
}
