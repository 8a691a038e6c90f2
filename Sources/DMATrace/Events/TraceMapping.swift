/// The fields of a single mapping, unmapping or single sync (classes `dma_map`, `dma_unmap`,
/// `dma_sync_single`).
public struct TraceMapping: Hashable, Sendable {
  /// `dev_name(dev)`.
  public var device: String
  /// The direction.
  public var direction: TraceDirection
  /// `dma_addr`: the bus address or IOVA; `DMA_MAPPING_ERROR` (all ones) when the map failed.
  public var dmaAddress: UInt64
  /// `size`.
  public var size: UInt64
  /// `phys_addr` (map events only).
  public var physical: UInt64?
  /// `attrs` as printed (`SKIP_CPU_SYNC`, ...), empty for none.
  public var attributes: [String]

  /// Creates the fields.
  public init(
    device: String, direction: TraceDirection, dmaAddress: UInt64, size: UInt64,
    physical: UInt64? = nil, attributes: [String] = []
  ) {
    self.device = device
    self.direction = direction
    self.dmaAddress = dmaAddress
    self.size = size
    self.physical = physical
    self.attributes = attributes
  }

  /// `DMA_MAPPING_ERROR` (include/linux/dma-mapping.h: `(~(dma_addr_t)0)`).
  public static let mappingError = UInt64.max
}
