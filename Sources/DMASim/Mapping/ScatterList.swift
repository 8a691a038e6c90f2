/// A `struct sg_table`: buffer pieces the CPU describes (`sg_set_buf`) and, once mapped, the
/// bus addresses and lengths the device uses (`sg_dma_address`, `sg_dma_len`).
public struct ScatterList: Hashable, Sendable, Identifiable {
  /// One `struct scatterlist` entry.
  public struct Entry: Hashable, Sendable {
    /// The CPU address set by `sg_set_buf` (nil while unset).
    public var virtualAddress: VirtAddr?
    /// `sg->length`.
    public var length: UInt64 = 0
    /// The physical address behind it.
    public var physical: PhysAddr?
    /// `sg_dma_address()`, once mapped.
    public var dmaAddress: DMAAddr?
    /// `sg_dma_len()`, once mapped.
    public var dmaLength: UInt64 = 0
  }

  /// A stable identity.
  public var id: Int
  /// The entries (`sg_init_table(sgl, nents)`).
  public var entries: [Entry]
  /// The count `dma_map_sg` returned (0 while unmapped).
  public var mappedCount = 0
  /// The device it is mapped for.
  public var device: String?
  /// The direction it is mapped with.
  public var direction: DMADataDirection?
  /// The `nents` given to `dma_map_sg` (0 while unmapped): the entries whose bytes the mapping
  /// covers, however many segments the IOMMU merged them into.
  public var mappedEntries = 0
  /// Who owns the mapped entries' bytes (nil while unmapped): the device after `dma_map_sg`
  /// and `dma_sync_sg_for_device`, the CPU after `dma_sync_sg_for_cpu`.
  public var owner: StreamingMapping.Owner?

  /// The mapped entries that overlap a physical range.
  public func mappedEntries(overlapping address: PhysAddr, count: UInt64) -> [Entry] {
    guard owner != nil else { return [] }
    return entries.prefix(mappedEntries).filter { entry in
      guard let physical = entry.physical else { return false }
      return address.rawValue < physical.rawValue + max(entry.length, 1)
        && physical.rawValue < address.rawValue + max(count, 1)
    }
  }
}
