/// One mapped 4 KiB IOVA page: the address a device puts on the bus and the physical page the
/// IO page table sends it to.
public struct IOVAPage: Hashable, Sendable {
  /// The device whose domain maps it.
  public var device: String
  /// The IOVA of the page's first byte.
  public var iova: UInt64
  /// The physical page behind it.
  public var physical: PhysAddr
  /// Whether the device may write (read-only for a `DMA_TO_DEVICE` mapping).
  public var writable: Bool
  /// Whether the IOTLB holds the translation now.
  public var inIOTLB: Bool
}
