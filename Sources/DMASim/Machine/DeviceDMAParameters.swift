/// A device's `struct device_dma_parameters` (`dev->dma_parms`), the scatter-gather and bounce
/// limits a driver states with `dma_set_max_seg_size`, `dma_set_seg_boundary` and
/// `dma_set_min_align_mask` (include/linux/dma-mapping.h). Every platform device has one:
/// `platform_device_alloc` points `dev.dma_parms` at the `platform_device`'s own
/// (drivers/base/platform.c), so the setters never take their `-EIO`/`WARN_ON_ONCE` path here.
/// A zero field means "never set", and the getters then give the kernel's defaults.
public struct DeviceDMAParameters: Hashable, Sendable {
  /// `max_segment_size`, 0 until set.
  public var maxSegmentSize: UInt32 = 0
  /// `segment_boundary_mask`, 0 until set.
  public var segmentBoundaryMask: UInt64 = 0
  /// `min_align_mask`, 0 until set (and 0 is also its default).
  public var minAlignMask: UInt32 = 0

  /// Parameters nobody has set.
  public init() {}

  /// `dma_get_max_seg_size`: the set size, else `SZ_64K`.
  public var effectiveMaxSegmentSize: UInt32 { maxSegmentSize != 0 ? maxSegmentSize : 65536 }

  /// `dma_get_seg_boundary`: the set mask, else `ULONG_MAX` (since v5.10: "dma-mapping: set
  /// default segment_boundary_mask to ULONG_MAX"; before it `DMA_BIT_MASK(32)`).
  public var effectiveSegmentBoundary: UInt64 {
    segmentBoundaryMask != 0 ? segmentBoundaryMask : .max
  }

  /// What `swiotlb_tbl_map_single` reads of the device: `dma_get_min_align_mask` and
  /// `dma_get_seg_boundary`.
  public var swiotlbLimits: SwiotlbDeviceLimits {
    SwiotlbDeviceLimits(
      minAlignMask: UInt64(minAlignMask), segmentBoundaryMask: effectiveSegmentBoundary)
  }
}

/// Which `dma_parms` field a setter writes.
public enum DMAParameter: Hashable, Sendable, CaseIterable {
  /// `dma_set_max_seg_size(dev, size)`.
  case maxSegmentSize
  /// `dma_set_seg_boundary(dev, mask)`.
  case segmentBoundary
  /// `dma_set_min_align_mask(dev, mask)`.
  case minAlignMask

  /// The kernel function.
  public var functionName: String {
    switch self {
    case .maxSegmentSize: "dma_set_max_seg_size"
    case .segmentBoundary: "dma_set_seg_boundary"
    case .minAlignMask: "dma_set_min_align_mask"
    }
  }

  /// The kernel function that reads the field (with its default).
  public var getterName: String {
    switch self {
    case .maxSegmentSize: "dma_get_max_seg_size"
    case .segmentBoundary: "dma_get_seg_boundary"
    case .minAlignMask: "dma_get_min_align_mask"
    }
  }
}
