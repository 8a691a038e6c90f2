/// One of the atomic pools `dma_atomic_pool_init` (kernel/dma/pool.c) preallocates at boot.
public struct AtomicPool: Hashable, Sendable {
  /// The zone a pool's gfp asks for: `atomic_pool_kernel`, `atomic_pool_dma`,
  /// `atomic_pool_dma32`.
  public enum Zone: Hashable, Sendable { case kernel, dma, dma32 }

  /// The gfp the pool is for, as the boot line prints it (`GFP_KERNEL|GFP_DMA`).
  public var gfp: String
  /// Which pool it is.
  public var zone: Zone
  /// Bytes (`gen_pool_size`).
  public var size: UInt64
  /// Where the pool's pages sit when they came from the default CMA area (`cma_in_zone`),
  /// nil when the buddy allocator gave them (no fixed place in the model).
  public var cmaBase: UInt64?
}
