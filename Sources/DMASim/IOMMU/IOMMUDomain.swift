/// A DMA domain (`IOMMU_DOMAIN_DMA`): the IOVA space of one device behind an IOMMU, with its
/// IOVA allocator, its IO page table and the context bank the SMMU uses for it.
public struct IOMMUDomain: Hashable, Sendable {
  /// The device attached (dmascope gives each device its own group and domain).
  public var device: String
  /// The SMMU context bank (`cb=` in fault reports); also the IOTLB tag.
  public var contextBank: Int
  /// The device's stream ID.
  public var streamID: UInt32
  /// The IOVA allocator.
  public var iovad: IOVADomain
  /// The IO page table, once the first `iommu_map` needed it (its root is allocated then).
  public var pageTable: IOPageTable?
  /// Pages mapped now.
  public var mappedPages = 0
}
