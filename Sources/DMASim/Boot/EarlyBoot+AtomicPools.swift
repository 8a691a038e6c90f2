/// The sizes of the atomic pools `dma_atomic_pool_init` (a postcore initcall) preallocates,
/// and their boot lines. Only the sizes: the pools' pages come from the buddy allocator and
/// have no place in memblock.
extension EarlyBoot {
  /// `MAX_PAGE_ORDER` on arm64 with 4 KiB pages.
  static let maximumPageOrder = 10

  /// `totalram_pages()` once memblock has handed its free memory to the buddy allocator and
  /// the CMA areas have been activated: mapped memory less what memblock keeps reserved,
  /// CMA areas excepted (mm/memblock.c `memblock_free_all`, mm/cma.c
  /// `cma_activate_area`).
  func totalRAMPages() -> UInt64 {
    let page = profile.pageSize
    var free: UInt64 = 0
    for range in memblock.freeRanges() {
      let first = (range.start + page - 1) / page
      let last = range.end / page
      if last > first { free += last - first }
    }
    let cma = cmaAreas.reduce(UInt64(0)) { $0 + $1.count }
    return free + cma
  }

  /// kernel/dma/pool.c `dma_atomic_pool_init`: 128 KiB per GiB of `totalram_pages()`, at
  /// least 128 KiB, at most `MAX_ORDER_NR_PAGES`; `atomic_pool_expand` allocates
  /// `get_order(size)` pages, and `gen_pool_size` is what the line shows. Pools for
  /// `GFP_KERNEL`, `GFP_DMA` (when ZONE_DMA has pages) and `GFP_DMA32` (arm64 builds it).
  mutating func logAtomicPools(zones: [ZoneSpan]) {
    guard profile.build != nil else { return }
    let page = profile.pageSize
    let pages = min(totalRAMPages() / ((1 << 30) / (128 << 10)), 1 << Self.maximumPageOrder)
    let size = max(pages * page, 128 << 10)
    var order = 0
    while (page << UInt64(order)) < size, order < Self.maximumPageOrder { order += 1 }
    let kibibytes = (page << UInt64(order)) >> 10
    var kinds = ["GFP_KERNEL"]
    if zones.contains(where: { $0.kind == .dma && $0.endPFN > $0.startPFN }) {
      kinds.append("GFP_KERNEL|GFP_DMA")
    }
    kinds.append("GFP_KERNEL|GFP_DMA32")
    for kind in kinds {
      info("DMA: preallocated \(kibibytes) KiB \(kind) pool for atomic allocations")
    }
  }
}
