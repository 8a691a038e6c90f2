/// What a log entry is about, as a typed reference into the machine's state: views (`w` why,
/// `/` find) and debugger probes match entries on these, never on the message text, so
/// rewording a message cannot break them.
public enum LogSubject: Hashable, Sendable {
  /// A live or freed allocation, by `Allocation.id`.
  case allocation(Int)
  /// A streaming mapping, by `StreamingMapping.id`.
  case mapping(Int)
  /// A scatter-gather table, by `ScatterList.id`.
  case scatterList(Int)
  /// A descriptor.
  case descriptor(DescriptorRef)
  /// A cookie handed out (or asked about) on a channel.
  case cookie(ChannelID, Int32)
  /// A virtual DMA channel.
  case channel(ChannelID)
  /// A data cache line, by its line address.
  case cacheLine(PhysAddr)
  /// Consecutive data cache lines from a line address (one maintenance step over a range).
  case cacheLines(first: PhysAddr, count: Int)
  /// A run of pages of a CMA area (`CMAArea.name`), first page frame number and count.
  case cmaPages(area: String, pfn: UInt64, count: UInt64)
  /// An IOVA page of a device's IOMMU domain (4 KiB aligned IOVA).
  case iovaPage(DeviceID, UInt64)
  /// A device on the board.
  case device(DeviceID)
  /// The arm64 cache maintenance routine a kernel call runs (`dcache_clean_poc`, ...).
  case maintenance(CacheRoutine)
}

/// The arm64 cache maintenance routines (arch/arm64/mm/cache.S) the DMA API runs.
public enum CacheRoutine: String, Hashable, Sendable, CaseIterable {
  /// `dcache_clean_poc`: write dirty lines back to the point of coherency.
  case cleanPoC = "dcache_clean_poc"
  /// `dcache_inval_poc`: drop lines (partial edge lines are cleaned and invalidated).
  case invalidatePoC = "dcache_inval_poc"
  /// `dcache_clean_inval_poc`: write dirty lines back and drop them.
  case cleanInvalidatePoC = "dcache_clean_inval_poc"

  /// The routine's name in arch/arm64/mm/cache.S.
  public var kernelName: String { rawValue }
}
