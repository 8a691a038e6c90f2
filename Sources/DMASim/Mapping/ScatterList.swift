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
}
