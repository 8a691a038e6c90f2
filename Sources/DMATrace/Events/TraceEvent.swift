/// One traced event: where it is in the file, who recorded it, and what it says.
public struct TraceEvent: Hashable, Sendable {
  /// The 1-based line number in the trace file.
  public var line: Int
  /// The task's `comm`.
  public var task: String
  /// The task's PID.
  public var pid: Int
  /// The CPU it was recorded on.
  public var cpu: Int
  /// The timestamp in nanoseconds.
  public var nanoseconds: UInt64
  /// The event name as the trace spells it (`dma_map_page`, `map`, ...).
  public var name: String
  /// The decoded fields.
  public var kind: TraceEventKind

  /// Creates an event.
  public init(
    line: Int, task: String, pid: Int, cpu: Int, nanoseconds: UInt64, name: String,
    kind: TraceEventKind
  ) {
    self.line = line
    self.task = task
    self.pid = pid
    self.cpu = cpu
    self.nanoseconds = nanoseconds
    self.name = name
    self.kind = kind
  }

  /// The device the event names, if it names one (iommu `map`/`unmap` and CMA events do not).
  public var device: String? {
    switch kind {
    case .map(let m), .unmap(let m), .syncSingle(let m, _): m.device
    case .alloc(let a), .free(let a): a.device
    case .mapSG(let s), .unmapSG(let s), .syncSG(let s, _), .allocSGT(let s), .freeSGT(let s):
      s.device
    case .swiotlbBounced(let b): b.device
    case .iommuGroup(let g): g.device
    case .iommuFault(let f): f.device
    case .cma, .iommuMap, .iommuUnmap: nil
    }
  }

  /// `SECONDS.MICROS` as ftrace prints it.
  public var timestampText: String {
    let micros = nanoseconds / 1000
    let fraction = String(micros % 1_000_000)
    return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
  }
}
