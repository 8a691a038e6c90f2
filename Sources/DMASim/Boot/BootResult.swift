/// Everything early memory setup produced.
public struct BootResult: Hashable, Sendable {
  /// The profile used.
  public var profile: BootProfile
  /// The parsed command line.
  public var commandLine: KernelCommandLine
  /// Memory banks as the tree describes them.
  public var memory: [MemoryBank]
  /// `/memreserve/` entries.
  public var memoryReservations: [PhysicalRange]
  /// Reserved-memory regions, in tree order (dynamic ones included).
  public var reserved: [ReservedRegion]
  /// CMA areas in creation order (DT areas first, then the default `reserved`).
  public var cmaAreas: [CMAArea]
  /// The name of `dma_contiguous_default_area`, if any.
  public var defaultCMAName: String?
  /// Zone spans.
  public var zones: [ZoneSpan]
  /// The upper bound used for ZONE_DMA and the default CMA area (`arm64_dma_phys_limit`).
  public var dmaPhysicalLimit: UInt64
  /// The default swiotlb pool, nil when `swiotlb=noforce` disabled it or no memory was found.
  public var swiotlb: SwiotlbPlacement?
  /// memblock at the end of setup.
  public var memblock: Memblock
  /// DMA controllers (from the description).
  public var controllers: [DMAControllerDescription]
  /// DMA consumers (from the description).
  public var consumers: [DMAConsumerDescription]
  /// The dmesg-style log.
  public var log: [KernelLogLine]
  /// The atomic pools, in creation order (none on a profile without a kernel build).
  public var atomicPools: [AtomicPool] = []

  /// The log text lines at or above a level (`.info` hides `pr_debug`).
  public func logLines(upTo level: KernelLogLine.Level = .info) -> [String] {
    log.filter { $0.level <= level }.map(\.text)
  }
}
