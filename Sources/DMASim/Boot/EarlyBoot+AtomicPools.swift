/// The atomic pools `dma_atomic_pool_init` (a postcore initcall) preallocates: their sizes,
/// their boot lines, and the pages they take from the default CMA area (pages the buddy
/// allocator gives them have no place in the model).
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
  /// `GFP_KERNEL`, `GFP_DMA` (when ZONE_DMA has pages) and `GFP_DMA32` (arm64 builds it), in
  /// that order. `atomic_pool_expand` takes each pool's pages from the default CMA area when
  /// `cma_in_zone(gfp)` (`dma_alloc_from_contiguous(NULL, 1 << order, order, false)`, the
  /// alignment capped at `CONFIG_CMA_ALIGNMENT`), so a module's first CMA allocation lands
  /// after them; otherwise from the buddy allocator.
  mutating func initialiseAtomicPools(zones: [ZoneSpan], dmaLimit: UInt64) -> [AtomicPool] {
    guard profile.build != nil else { return [] }
    let page = profile.pageSize
    let pages = min(totalRAMPages() / ((1 << 30) / (128 << 10)), 1 << Self.maximumPageOrder)
    let size = max(pages * page, 128 << 10)
    var order = 0
    while (page << UInt64(order)) < size, order < Self.maximumPageOrder { order += 1 }
    let poolSize = page << UInt64(order)
    var kinds: [(String, AtomicPool.Zone)] = [("GFP_KERNEL", .kernel)]
    if zones.contains(where: { $0.kind == .dma && $0.endPFN > $0.startPFN }) {
      kinds.append(("GFP_KERNEL|GFP_DMA", .dma))
    }
    kinds.append(("GFP_KERNEL|GFP_DMA32", .dma32))
    var pools: [AtomicPool] = []
    for (gfp, zone) in kinds {
      var base: UInt64?
      if let index = defaultCMA, cmaInZone(zone, area: cmaAreas[index], dmaLimit: dmaLimit),
        let pfn = cmaAreas[index].allocate(
          pages: 1 << UInt64(order), align: min(order, profile.config.cmaAlignment),
          noWarn: true)
      {
        base = pfn << 12
      }
      pools.append(AtomicPool(gfp: gfp, zone: zone, size: poolSize, cmaBase: base))
      info("DMA: preallocated \(poolSize >> 10) KiB \(gfp) pool for atomic allocations")
    }
    return pools
  }

  /// kernel/dma/pool.c `cma_in_zone`: the default area's last byte within the zone the gfp
  /// names (`zone_dma_limit` for `GFP_DMA`; for `GFP_DMA32` 4 GiB, or on 6.12
  /// `max(DMA_BIT_MASK(32), zone_dma_limit)`); any area for `GFP_KERNEL`.
  func cmaInZone(_ zone: AtomicPool.Zone, area: CMAArea, dmaLimit: UInt64) -> Bool {
    guard area.count > 0 else { return false }
    let end = area.base &+ area.size &- 1
    let zoneDMALimit = dmaLimit &- 1
    switch zone {
    case .kernel: return true
    case .dma: return end <= zoneDMALimit
    case .dma32:
      return end <= (profile.kernel == .v61 ? 0xffff_ffff : max(0xffff_ffff, zoneDMALimit))
    }
  }
}
