import DMASim

/// One driver bug a run found: a dma-debug report, a coherency violation, an IOMMU fault, a
/// KASAN report, a failed wait or another simulator warning (`LogEntry.Source.debug`).
public struct RunFinding: Hashable, Sendable {
  /// The scenario line the event belongs to (0 when none).
  public var line: Int
  /// The step that logged it.
  public var step: Int
  /// `dma-debug`, `coherency`, `iommu-fault`, `kasan`, `might-sleep`, `wait-failed` or `warning`.
  public var kind: String
  /// The function that logged it.
  public var function: String
  /// The message, in the kernel's words where the kernel has them.
  public var message: String

  /// The finding a log entry stands for, nil for entries that are not driver bugs (and for
  /// failed `expect`s, which the expectation results report).
  public init?(_ entry: LogEntry) {
    guard entry.source == .debug, entry.function != "expect" else { return nil }
    line = entry.line
    step = entry.step
    function = entry.function
    message = entry.message
    kind = Self.kind(of: entry.function)
  }

  /// The finding kind for the function behind a `.debug` entry.
  static func kind(of function: String) -> String {
    switch function {
    case "dma-debug": "dma-debug"
    case "coherency": "coherency"
    case "kasan": "kasan"
    case "might_sleep", "__might_sleep": "might-sleep"
    case "wait_for_completion", "run": "wait-failed"
    default:
      function.hasPrefix("arm_smmu") || function.hasPrefix("iommu") ? "iommu-fault" : "warning"
    }
  }

  /// `file:line: kind: message`, as compilers and CI log parsers expect.
  public func text(fileName: String) -> String {
    "\(fileName):\(line): \(kind): \(message)"
  }
}

/// Collects the findings of a run as its log grows.
public struct RunFindingCollector: Sendable {
  /// Findings so far, in log order.
  public private(set) var findings: [RunFinding] = []
  private var seen = 0

  /// A collector that has seen nothing yet.
  public init() {}

  /// Takes the entries the log gained since the last call.
  public mutating func collect(from log: EventLog) {
    let added = log.count - seen
    if added > 0 { findings += log.suffix(added).compactMap(RunFinding.init) }
    seen = log.count
  }
}
