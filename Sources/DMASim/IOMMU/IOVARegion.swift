/// One range of a DMA domain's IOVA allocator as the views draw it.
public struct IOVARegion: Hashable, Sendable {
  /// The device whose domain it belongs to.
  public var device: String
  /// The allocator's range (`struct iova`).
  public var range: IOVARange
  /// Whether `free_iova_fast` put it in a range cache: freed by the driver, still in the tree
  /// until an allocation of its order reuses it.
  public var cached: Bool
  /// How many of its pages the IO page table maps now.
  public var mappedPages: Int

  /// The first IOVA of the range.
  public var start: UInt64 { range.pfnLo << 12 }
  /// Bytes the range spans.
  public var size: UInt64 { range.pages << 12 }
}
