/// What an IOMMU holds for one range of a device's IOVA space, for drawing the bus address
/// space: the pages, their table walks and whether the IOTLB caches them. Read-only; made by
/// `Machine.iommuView(device:iova:size:)` and `Machine.iommuView(of:)`.
public struct IOMMUMappingView: Hashable, Sendable {
  /// One 4 KiB IOVA page of the range.
  public struct Page: Hashable, Sendable {
    /// The IOVA of the page's first byte.
    public var iova: UInt64
    /// The physical page behind it, nil when unmapped (a device access would fault).
    public var physical: PhysAddr?
    /// The descriptors the table walk reads, level 0 first (it stops at the first invalid one).
    public var descriptors: [UInt64]
    /// Whether the device may write (read-only for a `DMA_TO_DEVICE` mapping).
    public var writable: Bool
    /// Whether the IOTLB holds the translation now.
    public var inIOTLB: Bool
  }

  /// The IOMMU's `dev_name()`.
  public var iommu: String
  /// The device (board name).
  public var device: String
  /// The domain's context bank.
  public var contextBank: Int
  /// The first IOVA asked about (the handle, with its offset in the page).
  public var iova: UInt64
  /// Bytes asked about.
  public var size: UInt64
  /// The IOVA allocation holding the first page (`find_iova`), nil when none does.
  public var allocation: IOVARange?
  /// The pages covering `[iova, iova + size)`.
  public var pages: [Page]
}
