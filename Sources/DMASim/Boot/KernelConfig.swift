/// The Kconfig choices early memory setup and the DMA API depend on, settable per board
/// (`boot --config`) or scenario (`config` statements). `defaults` are the Kconfig defaults;
/// `debian` are the values of Debian's arm64 kernel package for that release.
public struct KernelConfig: Hashable, Sendable {
  /// `CONFIG_CMA_SIZE_SEL_*`: how the default CMA area's size is chosen.
  public enum CMASizeSelection: String, CaseIterable, Hashable, Sendable {
    /// `CMA_SIZE_SEL_MBYTES`: `CONFIG_CMA_SIZE_MBYTES`.
    case mbytes
    /// `CMA_SIZE_SEL_PERCENTAGE`: `CONFIG_CMA_SIZE_PERCENTAGE` of memory.
    case percentage
    /// `CMA_SIZE_SEL_MIN`: the smaller of the two.
    case min
    /// `CMA_SIZE_SEL_MAX`: the larger of the two.
    case max
  }

  /// `CONFIG_CMA_SIZE_MBYTES` (0 disables the default area).
  public var cmaSizeMegabytes: UInt64
  /// `CONFIG_CMA_SIZE_PERCENTAGE`.
  public var cmaSizePercentage: UInt64
  /// The `CONFIG_CMA_SIZE_SEL_*` choice.
  public var cmaSizeSelection: CMASizeSelection
  /// `CONFIG_CMA_ALIGNMENT`: the largest order `dma_alloc_from_contiguous` aligns to.
  public var cmaAlignment: Int
  /// `CONFIG_CMA_AREAS` (`MAX_CMA_AREAS`).
  public var cmaAreas: Int
  /// `CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC` (v6.5 and later).
  public var dmaBounceUnalignedKmalloc: Bool
  /// `CONFIG_SWIOTLB_DYNAMIC`.
  public var swiotlbDynamic: Bool
  /// `CONFIG_ZONE_DEVICE`: `free_area_init` lists a `Device` zone.
  public var zoneDevice: Bool

  /// Creates a configuration.
  public init(
    cmaSizeMegabytes: UInt64, cmaSizePercentage: UInt64, cmaSizeSelection: CMASizeSelection,
    cmaAlignment: Int, cmaAreas: Int, dmaBounceUnalignedKmalloc: Bool, swiotlbDynamic: Bool,
    zoneDevice: Bool
  ) {
    self.cmaSizeMegabytes = cmaSizeMegabytes
    self.cmaSizePercentage = cmaSizePercentage
    self.cmaSizeSelection = cmaSizeSelection
    self.cmaAlignment = cmaAlignment
    self.cmaAreas = cmaAreas
    self.dmaBounceUnalignedKmalloc = dmaBounceUnalignedKmalloc
    self.swiotlbDynamic = swiotlbDynamic
    self.zoneDevice = zoneDevice
  }

  /// The Kconfig defaults without NUMA (kernel/dma/Kconfig, mm/Kconfig): 16 MiB, 10 %,
  /// `SEL_MBYTES`, alignment order 8, 8 areas (7 on v6.1), the kmalloc bounce on (arm64
  /// selects it from v6.5), no dynamic swiotlb, no ZONE_DEVICE.
  public static func defaults(for version: KernelVersion) -> KernelConfig {
    KernelConfig(
      cmaSizeMegabytes: 16, cmaSizePercentage: 10, cmaSizeSelection: .mbytes, cmaAlignment: 8,
      cmaAreas: version == .v61 ? 7 : 8, dmaBounceUnalignedKmalloc: version.hasKmallocBounce,
      swiotlbDynamic: false, zoneDevice: false)
  }

  /// Debian's arm64 configuration (`/boot/config-*` of `linux-image-*-arm64-unsigned`):
  /// `CMA_SIZE_MBYTES=64`, `SEL_MBYTES`, `CMA_ALIGNMENT=8`, `CMA_AREAS=19` on 6.1 and 20 on
  /// 6.12 (NUMA), `SWIOTLB_DYNAMIC` off, `ZONE_DEVICE` on 6.12 only.
  public static func debian(for version: KernelVersion) -> KernelConfig {
    KernelConfig(
      cmaSizeMegabytes: 64, cmaSizePercentage: 10, cmaSizeSelection: .mbytes, cmaAlignment: 8,
      cmaAreas: version == .v61 ? 19 : 20, dmaBounceUnalignedKmalloc: version.hasKmallocBounce,
      swiotlbDynamic: false, zoneDevice: version != .v61)
  }

  /// The names `named(_:for:)` knows.
  public static let setNames = ["defaults", "debian"]

  /// The named set (`defaults`, `debian`) for a release, or nil.
  public static func named(_ name: String, for version: KernelVersion) -> KernelConfig? {
    switch name {
    case "defaults", "defconfig": defaults(for: version)
    case "debian": debian(for: version)
    default: nil
    }
  }

  /// The size of the default CMA area for `memoryBytes` of memory
  /// (kernel/dma/contiguous.c `dma_contiguous_reserve`, `cma_early_percent_memory`).
  public func defaultCMASize(memoryBytes: UInt64) -> UInt64 {
    let megabytes = cmaSizeMegabytes << 20
    let percent = ((memoryBytes >> 12) &* Swift.min(cmaSizePercentage, 100) / 100) << 12
    switch cmaSizeSelection {
    case .mbytes: return megabytes
    case .percentage: return percent
    case .min: return Swift.min(megabytes, percent)
    case .max: return Swift.max(megabytes, percent)
    }
  }
}
