/// One reserved region after boot, as the memory map and `--json` show it.
public struct ReservedRegion: Hashable, Sendable {
  /// What the kernel made of the region.
  public enum Kind: String, Hashable, Sendable {
    /// A CMA area (`reusable` `shared-dma-pool`).
    case cma
    /// A per-device coherent pool (`shared-dma-pool` without `reusable`).
    case coherentPool = "coherent-pool"
    /// Memory kept away from the kernel with no handler (firmware, TEE, carve-outs); also
    /// a `restricted-dma-pool` and extra `reg` entries of a node.
    case carveout
    /// The handler refused the node (or a dynamic region found no room); the memory is given
    /// back.
    case rejected
  }

  /// The node's path (`/reserved-memory/linux,cma`).
  public var node: String
  /// The node name the kernel logs (`linux,cma`).
  public var name: String
  /// First address (0 for a dynamic region that could not be placed).
  public var base: UInt64
  /// Length in bytes.
  public var size: UInt64
  /// `no-map`.
  public var noMap: Bool
  /// `reusable`.
  public var reusable: Bool
  /// Placed by the kernel (`size`) rather than fixed (`reg`).
  public var dynamic: Bool
  /// The outcome.
  public var kind: Kind

  /// Creates a region.
  public init(
    node: String, name: String, base: UInt64, size: UInt64, noMap: Bool, reusable: Bool,
    dynamic: Bool, kind: Kind
  ) {
    self.node = node
    self.name = name
    self.base = base
    self.size = size
    self.noMap = noMap
    self.reusable = reusable
    self.dynamic = dynamic
    self.kind = kind
  }
}

/// A zone's PFN span as `free_area_init` prints it.
public struct ZoneSpan: Hashable, Sendable {
  /// The zone.
  public var kind: BuddyAllocator.ZoneKind
  /// First PFN.
  public var startPFN: UInt64
  /// One past the last PFN (equal to `startPFN` when empty).
  public var endPFN: UInt64
}

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

  /// The log text lines at or above a level (`.info` hides `pr_debug`).
  public func logLines(upTo level: KernelLogLine.Level = .info) -> [String] {
    log.filter { $0.level <= level }.map(\.text)
  }
}
