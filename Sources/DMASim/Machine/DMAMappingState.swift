/// The DMA mapping layer's state (kernel/dma/): each device's masks and coherent pool, the
/// atomic pools, the swiotlb pool with its live bounces, the live streaming mappings and
/// scatter-gather tables, `dma_pool`s, dma-bufs, and dma-debug's table.
public struct DMAMappingState: Hashable, Sendable {
  /// Per device, in board order: the masks drivers set (`dma_set_mask` and friends).
  public internal(set) var dmaMasks: [DeviceDMAMasks]
  /// Per-device coherent pools (`dev->dma_mem`) from `memory-region`.
  public internal(set) var coherentPools: [DeviceCoherentPool] = []
  /// The atomic pools whose pages boot took from CMA, for non-blocking coherent allocations.
  public internal(set) var atomicPools: [AtomicPoolState] = []
  /// The default swiotlb pool (`io_tlb_default_mem`) and its live bounces, nil when the board
  /// has none.
  public internal(set) var swiotlb: SwiotlbPool?
  /// Live streaming mappings, oldest first.
  public internal(set) var mappings: [StreamingMapping] = []
  /// Scatter-gather tables, by creation.
  public internal(set) var scatterLists: [ScatterList] = []
  /// Live `dma_pool`s, oldest first.
  public internal(set) var dmaPools: [LiveDMAPool] = []
  /// Exported dma-bufs with their attachments.
  public internal(set) var dmaBufs: [DMABuf] = []
  /// dma-debug's table and counters (every error shown, as with `all_errors=1`).
  public internal(set) var dmaDebug = DMADebug()

  /// The live swiotlb bounces, oldest first (none without a pool).
  public var bounces: [BounceBuffer] { swiotlb?.bounces ?? [] }

  /// The mapping layer at boot: each device's masks and the swiotlb pool.
  public init(dmaMasks: [DeviceDMAMasks], swiotlb: SwiotlbPool?) {
    self.dmaMasks = dmaMasks
    self.swiotlb = swiotlb
  }
}
