/// A CMA event of include/trace/events/cma.h.
public struct TraceCMAEvent: Hashable, Sendable {
  /// Which CMA tracepoint.
  public enum Phase: String, Hashable, Sendable {
    /// `cma_alloc_start`: `name count align`.
    case allocStart = "cma_alloc_start"
    /// `cma_alloc_finish`: `name pfn page count align errorno`.
    case allocFinish = "cma_alloc_finish"
    /// `cma_alloc_busy_retry`: `name pfn page count align`.
    case busyRetry = "cma_alloc_busy_retry"
    /// `cma_release`: `name pfn page count`.
    case release = "cma_release"
  }

  /// The tracepoint.
  public var phase: Phase
  /// The area's name (`reserved` for the default area on a device-tree board).
  public var area: String
  /// `pfn` (not printed by `cma_alloc_start`); `-1` printed as all ones when none was found.
  public var pfn: UInt64?
  /// `count` in pages.
  public var count: UInt64
  /// `align` (an order), where printed.
  public var align: UInt64?
  /// `errorno` of `cma_alloc_finish` (0 on success).
  public var errorNumber: Int?

  /// Creates the event.
  public init(
    phase: Phase, area: String, pfn: UInt64? = nil, count: UInt64, align: UInt64? = nil,
    errorNumber: Int? = nil
  ) {
    self.phase = phase
    self.area = area
    self.pfn = pfn
    self.count = count
    self.align = align
    self.errorNumber = errorNumber
  }
}
