/// A mapping or allocation live in a `TraceState`: what the trace said when it was made.
public struct TraceLiveMapping: Hashable, Sendable {
  /// How it was made, as kernel/dma/debug.c's `type2name` names entry types.
  public enum Kind: String, Hashable, Sendable {
    /// `dma_map_page`/`dma_map_phys` (dma-debug's `single`).
    case single
    /// `dma_map_resource`.
    case resource
    /// `dma_map_sg` (the kernel's `type2name` really says "scather-gather").
    case scatterGather = "scather-gather"
    /// `dma_alloc`/`dma_alloc_pages`/`dma_alloc_sgt`.
    case coherent
  }

  /// How it was made.
  public var kind: Kind
  /// The device.
  public var device: String
  /// The DMA address (bus address, or IOVA behind an IOMMU); an sg list's first entry.
  public var dmaAddress: UInt64
  /// The size in bytes (an sg list's mapped bytes).
  public var size: UInt64
  /// The direction.
  public var direction: TraceDirection
  /// The physical address where the trace gives one (`phys_addr`, an sg list's first
  /// `sg_phys`, or the `paddr` of the IOMMU mapping behind an allocation); nil when unknown.
  public var physical: UInt64?
  /// Whether `physical` is the DMA address taken as physical: an allocation no IOMMU `map`
  /// claimed and the trace printed no physical address for. True on boards without a
  /// `dma-ranges` offset (QEMU's virt); a trace cannot show an offset, so views mark it.
  public var physicalAssumed = false
  /// The hashed `%p` of an allocation's CPU address (`virt_addr`), if the trace printed one.
  public var virtualPointer: String?
  /// Whether `swiotlb_bounced` came just before it (the DMA address is a bounce slot; the
  /// original buffer is at `bouncedFrom`).
  public var bouncedFrom: UInt64?
  /// An sg list's entry count as passed (`nents`).
  public var requestedEntries: Int?
  /// An sg list's `sg_phys` values (to match `dma_unmap_sg`, which prints only those).
  public var physicalAddresses: [UInt64]
  /// The event that made it (index into the trace's events).
  public var eventIndex: Int
  /// Its line in the trace file.
  public var line: Int
}
