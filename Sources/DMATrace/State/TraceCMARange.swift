/// A live CMA allocation (`cma_alloc_finish` with `errorno=0`, until its `cma_release`).
public struct TraceCMARange: Hashable, Sendable {
  /// The area's name.
  public var area: String
  /// The first page frame.
  public var pfn: UInt64
  /// Pages.
  public var count: UInt64
  /// The device whose allocation it serves: the `dma_alloc` by the same task right after it
  /// whose physical address lies inside, if there is one.
  public var servedDevice: String?
  /// The event that allocated it.
  public var eventIndex: Int
  /// Its line in the trace file.
  public var line: Int

  /// The physical range, `[pfn << 12, (pfn + count) << 12)` (4 KiB pages: arm64's default and
  /// Debian's), saturating.
  public var physicalRange: Range<UInt64> {
    let start = pfn.multipliedReportingOverflow(by: 4096)
    let end = (pfn &+ count).multipliedReportingOverflow(by: 4096)
    let low = start.overflow ? UInt64.max : start.partialValue
    let high = end.overflow ? UInt64.max : max(low, end.partialValue)
    return low..<high
  }
}
