/// What a device contributes to a bounce-buffer search.
public struct SwiotlbDeviceLimits: Hashable, Sendable {
  /// `dma_get_min_align_mask`: low address bits the bounce address must preserve.
  public var minAlignMask: UInt64
  /// `dma_get_seg_boundary`: no mapping may cross a multiple of `mask + 1`.
  public var segmentBoundaryMask: UInt64

  /// Creates limits.
  public init(minAlignMask: UInt64 = 0, segmentBoundaryMask: UInt64 = UInt64.max) {
    self.minAlignMask = minAlignMask
    self.segmentBoundaryMask = segmentBoundaryMask
  }
}
