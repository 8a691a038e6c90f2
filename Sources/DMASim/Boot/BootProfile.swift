/// The architecture and Kconfig choices early memory setup depends on.
public struct BootProfile: Hashable, Sendable {
  /// `arm64` or `arm32`.
  public var name: String
  /// `sizeof(phys_addr_t)`: 8 on arm64 (and ARM32 with LPAE), 4 on plain ARM32.
  public var physAddrBytes: Int
  /// `pageblock_order` (CMA's minimum alignment is `PAGE_SIZE << pageblock_order`).
  public var pageblockOrder: Int
  /// ARM32 only: `rmem_dma_setup` refuses coherent pools without `no-map`.
  public var coherentPoolNeedsNoMap: Bool
  /// The kernel release followed where releases differ (`boot --kernel`, `kernel`).
  public var kernel: KernelVersion
  /// The Kconfig values (`boot --config`, `config`).
  public var config: KernelConfig
  /// The early memblock allocations of the kernel image (nil: not modelled, as on arm32).
  public var build: KernelBuild?
  /// `SMP_CACHE_BYTES`: the default alignment of dynamic reserved regions.
  public var smpCacheBytes: UInt64
  /// `PHYS_MASK_SHIFT`: memory above `1 << shift` is removed from memblock.
  public var physicalAddressBits: Int
  /// `num_possible_cpus()`, for swiotlb areas.
  public var possibleCPUs: Int

  /// Creates a profile.
  public init(
    name: String, physAddrBytes: Int, pageblockOrder: Int, coherentPoolNeedsNoMap: Bool,
    kernel: KernelVersion = .newest, config: KernelConfig = .defaults(for: .newest),
    build: KernelBuild? = nil, smpCacheBytes: UInt64, physicalAddressBits: Int, possibleCPUs: Int
  ) {
    self.name = name
    self.physAddrBytes = physAddrBytes
    self.pageblockOrder = pageblockOrder
    self.coherentPoolNeedsNoMap = coherentPoolNeedsNoMap
    self.kernel = kernel
    self.config = config
    self.build = build
    self.smpCacheBytes = smpCacheBytes
    self.physicalAddressBits = physicalAddressBits
    self.possibleCPUs = possibleCPUs
  }

  /// `MAX_CMA_AREAS`.
  public var maximumCMAAreas: Int { config.cmaAreas }

  /// This profile following another release with another configuration.
  public func with(kernel: KernelVersion, config: KernelConfig) -> BootProfile {
    var copy = self
    copy.kernel = kernel
    copy.config = config
    if copy.build != nil { copy.build = .debian(for: kernel) }
    return copy
  }

  /// `PAGE_SIZE` (4 KiB pages on both profiles).
  public var pageSize: UInt64 { 4096 }

  /// `CMA_MIN_ALIGNMENT_BYTES`: one pageblock (2 MiB on arm64 with 4 KiB pages).
  public var cmaMinimumAlignment: UInt64 { pageSize << UInt64(pageblockOrder) }

  /// arm64 with 4 KiB pages: 64-bit `phys_addr_t`, pageblock order 9 (2 MiB), 48-bit physical
  /// addresses, the newest kernel profile with Kconfig defaults and the early allocations of
  /// Debian's image of it, 64-byte cache lines, 4 CPUs.
  public static let arm64 = BootProfile(
    name: "arm64", physAddrBytes: 8, pageblockOrder: 9, coherentPoolNeedsNoMap: false,
    build: .debian(for: .newest), smpCacheBytes: 64, physicalAddressBits: 48, possibleCPUs: 4)

  /// ARM32 without LPAE: 32-bit `phys_addr_t`, pageblock order 10 (`MAX_PAGE_ORDER`, 4 MiB),
  /// coherent pools must be `no-map`, 32-bit physical addresses.
  public static let arm32 = BootProfile(
    name: "arm32", physAddrBytes: 4, pageblockOrder: 10, coherentPoolNeedsNoMap: true,
    smpCacheBytes: 64, physicalAddressBits: 32,
    possibleCPUs: 4)

  /// The profile with a name.
  public static func named(_ name: String) -> BootProfile? {
    [arm64, arm32].first { $0.name == name }
  }
}
