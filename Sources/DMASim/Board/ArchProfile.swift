/// The CPU architecture whose DMA cache-maintenance rules the kernel follows.
public enum Architecture: String, Hashable, Sendable, CaseIterable {
  /// arm64 (arch/arm64/mm/dma-mapping.c): clean for the device in every direction, invalidate
  /// for the CPU unless `DMA_TO_DEVICE`.
  case arm64
  /// ARMv7 (arch/arm/mm/dma-mapping.c): `__dma_page_cpu_to_dev` invalidates a
  /// `DMA_FROM_DEVICE` buffer at map time and cleans otherwise; `__dma_page_dev_to_cpu`
  /// invalidates unless `DMA_TO_DEVICE`.
  case arm32
}

/// How `map_mem` maps DRAM into the linear map.
///
/// In v6.16's arch/arm64/mm/mmu.c, `map_mem` adds `NO_BLOCK_MAPPINGS | NO_CONT_MAPPINGS` when
/// `can_set_direct_map()` is true, which it is whenever `rodata_full` is
/// (`CONFIG_RODATA_FULL_DEFAULT_ENABLED=y`, the default, i.e. `rodata=full`), or with
/// debug_pagealloc, KFENCE or a realm. So the default is page granularity. `rodata=on`/`off` (or
/// a kernel from before v5.0, as in seed 002's 2 MiB observation, or v6.18+'s BBML2 CPUs)
/// lets `alloc_init_pud`/`alloc_init_pmd` use 1 GiB and 2 MiB blocks wherever the addresses
/// align.
public enum LinearMapGranularity: String, Hashable, Sendable, CaseIterable {
  /// 4 KiB pages only (`rodata=full`, the default).
  case pages
  /// 1 GiB and 2 MiB blocks where aligned, pages at unaligned edges (`rodata=on`).
  case blocks

  /// The largest entry size the linear map may use.
  public var granule: UInt64 {
    switch self {
    case .pages: 4096
    case .blocks: 1 << 30
    }
  }
}
