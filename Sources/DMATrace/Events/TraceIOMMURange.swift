/// iommu `map` (`iova paddr size`) or `unmap` (`iova size unmapped_size`) of
/// include/trace/events/iommu.h. Neither names the device or domain.
public struct TraceIOMMURange: Hashable, Sendable {
  /// `iova`.
  public var iova: UInt64
  /// `size`.
  public var size: UInt64
  /// `paddr` (map only).
  public var physical: UInt64?
  /// `unmapped_size` (unmap only).
  public var unmappedSize: UInt64?

  /// Creates the range.
  public init(iova: UInt64, size: UInt64, physical: UInt64? = nil, unmappedSize: UInt64? = nil) {
    self.iova = iova
    self.size = size
    self.physical = physical
    self.unmappedSize = unmappedSize
  }
}
