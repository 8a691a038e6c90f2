/// The kernel release whose behaviour early memory setup follows where releases differ. Each
/// profile is checked against Debian's build of that release booting under QEMU
/// (`Tests/realkernel/run.sh`).
public enum KernelVersion: String, CaseIterable, Hashable, Sendable {
  /// Linux 6.1 (Debian bookworm's `linux-image-6.1.*-arm64`).
  case v61 = "6.1"
  /// Linux 6.12 (Debian bookworm-security's `linux-image-6.12.*+deb12-arm64`).
  case v612 = "6.12"

  /// The newest profile the real-kernel harness verifies.
  public static let newest: KernelVersion = .v612

  /// The version named `text` (`6.1`, `6.12`), or nil.
  public static func named(_ text: String) -> KernelVersion? { KernelVersion(rawValue: text) }

  /// v6.1 `early_init_fdt_scan_reserved_mem` reserves `/memreserve/` entries before
  /// `fdt_init_reserved_mem` places the dynamic regions (sorted by `__rmem_cmp`: base, then
  /// size); v6.12 places each dynamic region while scanning, before `/memreserve/`
  /// (drivers/of/fdt.c, drivers/of/of_reserved_mem.c).
  public var placesDynamicRegionsAfterMemreserve: Bool { self == .v61 }

  /// v6.12 `fdt_init_reserved_mem_node` logs each region as
  /// `0x…..0x… (N KiB) map|nomap reusable|non-reusable NAME` and says so when a tree has no
  /// `/reserved-memory` (drivers/of/of_reserved_mem.c); v6.1 does neither.
  public var logsReservedRegions: Bool { self != .v61 }

  /// v6.12 `cma_declare_contiguous_nid` ends its line with `on node %d` (kernel/cma.c).
  public var cmaLogNamesNode: Bool { self != .v61 }

  /// v6.5 added `CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC`: arm64's `mem_init` then sets up a
  /// small swiotlb even when all memory is DMA-able (arch/arm64/mm/init.c); v6.1 sets up
  /// none unless memory lies above ZONE_DMA or `swiotlb=force` asks.
  public var hasKmallocBounce: Bool { self != .v61 }

  /// arm64 `arch_dma_prep_coherent` (arch/arm64/mm/dma-mapping.c) cleans and invalidates the
  /// cacheable linear alias (`dcache_clean_inval_poc`) in v6.1; v6.4 (commit 7bd6680b47fa)
  /// made it `dcache_clean_poc`, which v6.12 and v6.16 keep. Read from both kernels' machine
  /// code by Tests/realkernel/arch-maintenance.sh.
  public var prepCoherentInvalidates: Bool { self == .v61 }

  /// The routine `arch_dma_prep_coherent` runs on arm64.
  public var prepCoherentRoutine: CacheRoutine {
    prepCoherentInvalidates ? .cleanInvalidatePoC : .cleanPoC
  }
}
