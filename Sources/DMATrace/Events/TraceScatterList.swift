/// The fields of a scatter-gather event (`dma_map_sg`, `dma_map_sg_err`, `dma_unmap_sg`,
/// `dma_sync_sg_*`, `dma_alloc_sgt`, `dma_free_sgt`). Arrays hold what the trace printed:
/// `__print_array` of at most `DMA_TRACE_MAX_ENTRIES` (128) entries on kernels that cap them.
public struct TraceScatterList: Hashable, Sendable {
  /// `dev_name(dev)`.
  public var device: String
  /// The direction.
  public var direction: TraceDirection
  /// The entries the caller passed (`nents`; `full_nents` where the trace prints `n/full`),
  /// or the length of `phys_addrs` where it prints no count.
  public var requestedEntries: Int?
  /// The entries the mapping returned (`ents`), where the trace prints it.
  public var mappedEntries: Int?
  /// `dma_addrs` (the `dma_map_sg_err` format names `sg_phys` values `dma_addrs`: those go
  /// in `physicalAddresses`).
  public var dmaAddresses: [UInt64]
  /// `sizes` (`sg_dma_len`).
  public var sizes: [UInt64]
  /// `phys_addrs` (`sg_phys`).
  public var physicalAddresses: [UInt64]
  /// `dma_addr` of `dma_alloc_sgt`/`dma_free_sgt`.
  public var dmaAddress: UInt64?
  /// `size` of `dma_alloc_sgt`/`dma_free_sgt`.
  public var size: UInt64?
  /// `err` of `dma_map_sg_err`.
  public var error: Int?
  /// Whether the trace printed ` [TRUNCATED]`.
  public var truncated: Bool
  /// `attrs`.
  public var attributes: [String]

  /// Creates the fields.
  public init(
    device: String, direction: TraceDirection, requestedEntries: Int? = nil,
    mappedEntries: Int? = nil, dmaAddresses: [UInt64] = [], sizes: [UInt64] = [],
    physicalAddresses: [UInt64] = [], dmaAddress: UInt64? = nil, size: UInt64? = nil,
    error: Int? = nil, truncated: Bool = false, attributes: [String] = []
  ) {
    self.device = device
    self.direction = direction
    self.requestedEntries = requestedEntries
    self.mappedEntries = mappedEntries
    self.dmaAddresses = dmaAddresses
    self.sizes = sizes
    self.physicalAddresses = physicalAddresses
    self.dmaAddress = dmaAddress
    self.size = size
    self.error = error
    self.truncated = truncated
    self.attributes = attributes
  }
}
