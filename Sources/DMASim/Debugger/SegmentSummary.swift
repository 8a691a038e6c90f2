/// What happened between two history checkpoints, kept so reverse commands replay only the
/// segments that can hold a stop: the functions logged or called, the lines begun, the pages
/// touched, and whether descriptors moved or completed, lines were evicted, dma-debug (or
/// another checker) reported, or a `pause` was reached.
public struct SegmentSummary: Hashable, Sendable {
  /// Functions of every log entry, and of every scenario call begun.
  public var functions: Set<String> = []
  /// Scenario lines of the actions begun.
  public var lines: Set<Int> = []
  /// 4 KiB physical page numbers accessed by the CPU or a device.
  public var pages: Set<UInt64> = []
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

  /// An empty summary.
  public init() {}

  /// Adds the step that led to `machine`; `logCountBefore` and `programCounterBefore` are
  /// from the state before it.
  mutating func add(_ machine: Machine, logCountBefore: Int, programCounterBefore: Int) {
    let added = machine.log.count - logCountBefore
    if added > 0 {
      for entry in machine.log.suffix(added) {
        functions.insert(entry.function)
        if entry.source == .debug { violations = true }
      }
    }
    for action in machine.actionsBegun(since: programCounterBefore) {
      lines.insert(action.line)
      functions.insert(action.operation.functionName)
    }
    let touch = machine.lastTouch
    for region in touch.physical where region.size > 0 {
      let last = region.base.addingReportingOverflow(region.size - 1)
      let end = last.overflow ? UInt64.max : last.partialValue
      for page in (region.base >> 12)...(end >> 12) { pages.insert(page) }
    }
    if !touch.descriptors.isEmpty { descriptorsMoved = true }
    if !touch.completedDescriptors.isEmpty { completions = true }
    if !touch.evictions.isEmpty { evictions = true }
    if touch.pause { pauses = true }
  }

  /// Adds another segment's summary.
  mutating func merge(_ other: SegmentSummary) {
    functions.formUnion(other.functions)
    lines.formUnion(other.lines)
    pages.formUnion(other.pages)
    descriptorsMoved = descriptorsMoved || other.descriptorsMoved
    completions = completions || other.completions
    evictions = evictions || other.evictions
    violations = violations || other.violations
    pauses = pauses || other.pauses
  }

  /// Whether a step of this segment can hit the breakpoint (false only when it surely
  /// cannot; state-change watchpoints always may).
  public func mayHit(_ breakpoint: Breakpoint) -> Bool {
    guard breakpoint.enabled else { return false }
    switch breakpoint.kind {
    case .call(let name): return functions.contains(name)
    case .line(let line): return lines.contains(line)
    case .violation: return violations
    case .descriptorComplete: return completions
    case .eviction: return evictions
    case .watch(let base, let size, _, _):
      guard size > 0 else { return false }
      let last = base.addingReportingOverflow(size - 1)
      let first = base >> 12
      let end = (last.overflow ? UInt64.max : last.partialValue) >> 12
      if end - first < UInt64(pages.count) {
        return (first...end).contains { pages.contains($0) }
      }
      return pages.contains { $0 >= first && $0 <= end }
    case .becomesDirty, .cpuDiffersFromRAM: return true
    }
  }
}
