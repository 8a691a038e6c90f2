/// One dma-debug report: what the kernel prints (or, past `num_errors`, only counts).
public struct DMADebugReport: Hashable, Sendable {
  /// Every check of kernel/dma/debug.c, numbered as in the project's reference (§8.2).
  public enum Check: Hashable, Sendable, CaseIterable {
    /// 1: unmap of `DMA_MAPPING_ERROR`.
    case freeInvalidAddress
    /// 2: unmap of an address with no entry.
    case freeNotAllocated
    /// 3: unmap size differs.
    case freeDifferentSize
    /// 4: unmapped with the wrong function (type differs).
    case freeWrongFunction
    /// 5: coherent memory freed with a different CPU address.
    case freeDifferentCPUAddress
    /// 6: sg list unmapped with a different entry count.
    case freeDifferentEntryCount
    /// 7: unmap direction differs.
    case freeDifferentDirection
    /// 8: `dma_mapping_error()` never called.
    case mapErrorNotChecked
    /// 9: sync of memory with no entry.
    case syncNotAllocated
    /// 10: sync longer than the mapping.
    case syncOutsideRange
    /// 11: sync direction differs.
    case syncDifferentDirection
    /// 12: for-CPU sync of a mapping the device only reads.
    case syncReadOnlyForCPU
    /// 13: for-device sync of a mapping the device only writes.
    case syncWriteOnlyToDevice
    /// 14: sg sync with a different entry count.
    case syncDifferentEntryCount
    /// 15: `dma_map_single` of an address outside the linear map.
    case mapInvalidArea
    /// 16: `dma_map_single` of vmalloc memory.
    case mapVmallocArea
    /// 17: mapping of stack memory.
    case mapStack
    /// 18: mapping of kernel text or rodata.
    case mapKernelText
    /// 19: sg segment longer than `dma_get_max_seg_size()`.
    case sgSegmentTooLong
    /// 20: sg segment crossing `dma_get_seg_boundary()`.
    case sgSegmentAcrossBoundary
    /// 21: a second mapping (not `DMA_TO_DEVICE`) of the same first cacheline.
    case overlappingCacheline
    /// 21: the overlap counter's maximum (7) was exceeded (`WARN_ONCE`, not counted).
    case overlapLimitExceeded
    /// 21: the cacheline tree ran out of memory (`pr_err_once`); dma-debug disables itself.
    case cachelineTrackingOutOfMemory
    /// 22: the driver was unbound with mappings still live.
    case pendingAtRelease

    /// The item number in the reference's list of checks.
    public var number: Int {
      switch self {
      case .freeInvalidAddress: 1
      case .freeNotAllocated: 2
      case .freeDifferentSize: 3
      case .freeWrongFunction: 4
      case .freeDifferentCPUAddress: 5
      case .freeDifferentEntryCount: 6
      case .freeDifferentDirection: 7
      case .mapErrorNotChecked: 8
      case .syncNotAllocated: 9
      case .syncOutsideRange: 10
      case .syncDifferentDirection: 11
      case .syncReadOnlyForCPU: 12
      case .syncWriteOnlyToDevice: 13
      case .syncDifferentEntryCount: 14
      case .mapInvalidArea: 15
      case .mapVmallocArea: 16
      case .mapStack: 17
      case .mapKernelText: 18
      case .sgSegmentTooLong: 19
      case .sgSegmentAcrossBoundary: 20
      case .overlappingCacheline, .overlapLimitExceeded, .cachelineTrackingOutOfMemory: 21
      case .pendingAtRelease: 22
      }
    }
  }

  /// Which check fired.
  public var check: Check
  /// The kernel's text, `DMA-API: ` prefix included, without the trailing newline.
  public var text: String
  /// Whether the kernel prints it (false when `num_errors` is used up or the driver filter
  /// hides it: the error is then only counted).
  public var shown: Bool
  /// The mapping the report is about, when one is known (the kernel prints its stack as
  /// `Mapped at:`).
  public var entry: DMADebugEntry?
}

/// What one dma-debug call produced.
public struct DMADebugOutcome: Hashable, Sendable {
  /// Reports, in the order the kernel prints them.
  public var reports: [DMADebugReport] = []
  /// The entry found (unmap: removed; sync: the containing mapping), if any.
  public var entry: DMADebugEntry?
}
