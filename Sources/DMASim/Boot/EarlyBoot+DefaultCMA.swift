extension EarlyBoot {
  /// `arm64_dma_phys_limit`: the end of ZONE_DMA. The DMA zone reaches the lowest
  /// `dma-ranges` limit of the tree, at most 4 GiB when DRAM starts below 4 GiB, never past
  /// the end of DRAM.
  func dmaPhysicalLimit() -> UInt64 {
    let end = memblock.endOfDRAM
    guard end > 0 else { return 0 }
    var zoneLimit = description.maximumDMACPUAddress ?? UInt64.max
    if memblock.startOfDRAM < 0xffff_ffff { zoneLimit = min(zoneLimit, 0xffff_ffff) }
    return min(zoneLimit, end - 1) + 1
  }

  /// `free_area_init`'s zone spans: DMA up to `dmaLimit`, DMA32 up to 4 GiB, Normal above.
  func zoneSpans(dmaLimit: UInt64) -> [ZoneSpan] {
    guard let first = memblock.memory.first else { return [] }
    let dma32Limit = min(0xffff_ffff, memblock.endOfDRAM - 1) + 1
    let maximumPFN = memblock.endOfDRAM >> 12
    var start = (first.base + 4095) >> 12
    var spans: [ZoneSpan] = []
    for (kind, limit) in [
      (BuddyAllocator.ZoneKind.dma, dmaLimit >> 12), (.dma32, dma32Limit >> 12),
      (.normal, maximumPFN),
    ] {
      let end = max(limit, start)
      spans.append(ZoneSpan(kind: kind, startPFN: start, endPFN: end))
      start = end
    }
    return spans
  }

  /// The `Zone ranges:` / `Early memory node ranges` block of the boot log.
  mutating func logZones(_ spans: [ZoneSpan]) {
    guard !spans.isEmpty else { return }
    info("Zone ranges:")
    for span in spans {
      let name = span.kind.rawValue.padding(to: 8)
      if span.startPFN == span.endPFN {
        info("  \(name) empty")
      } else {
        info(
          "  \(name) [mem \(KernelFormat.hex18(span.startPFN << 12))-"
            + "\(KernelFormat.hex18((span.endPFN << 12) &- 1))]")
      }
    }
    // mm/mm_init.c free_area_init prints every zone but ZONE_MOVABLE, so ZONE_DEVICE too.
    if profile.config.zoneDevice { info("  Device   empty") }
    info("Movable zone start for each node")
    info("Early memory node ranges")
    for region in memblock.memory {
      let start = (region.base + 4095) >> 12
      let end = region.end >> 12
      guard start < end else { continue }
      info(
        "  node   0: [mem \(KernelFormat.hex18(start << 12))-"
          + "\(KernelFormat.hex18((end << 12) - 1))]")
    }
    if let first = memblock.memory.first {
      info(
        "Initmem setup node 0 [mem \(KernelFormat.hex18(((first.base + 4095) >> 12) << 12))-"
          + "\(KernelFormat.hex18(((memblock.endOfDRAM >> 12) << 12) &- 1))]")
    }
  }

  /// `dma_contiguous_reserve(limit)`: the default area from `cma=` or the Kconfig size
  /// (`CONFIG_CMA_SIZE_SEL_*`),
  /// unless a `linux,cma-default` node already provided one.
  mutating func reserveDefaultCMA(limit: UInt64) {
    var size = profile.config.defaultCMASize(memoryBytes: memblock.totalSize)
    var base: UInt64 = 0
    var areaLimit = limit
    var fixed = false
    if let cma = commandLine.cma {
      size = cma.size
      base = cma.base
      // v6.1 and v6.12 kernel/dma/contiguous.c dma_contiguous_reserve:
      // selected_limit = min_not_zero(limit_cmdline, limit) (ZONE_DMA caps a cma= limit).
      areaLimit = cma.limit != 0 ? min(cma.limit, limit) : limit
      fixed = cma.isFixed
    }
    guard size != 0, defaultCMA == nil else { return }
    if let area = declareContiguous(base: base, size: size, limit: areaLimit, fixed: fixed) {
      // kernel/cma.c cma_declare_contiguous_nid: v6.12 names the node (NUMA_NO_NODE).
      let node = profile.kernel.cmaLogNamesNode ? " on node -1" : ""
      info("cma: Reserved \(size >> 20) MiB at \(pa(area))\(node)")
      defaultCMA = cmaAreas.count - 1
    } else {
      error("cma: Failed to reserve \(size >> 20) MiB")
    }
  }

  /// `__cma_declare_contiguous_nid(base, size, limit, 0, 0, fixed, "reserved")`: the base of
  /// the new area, or nil.
  private mutating func declareContiguous(
    base requestedBase: UInt64, size requestedSize: UInt64, limit requestedLimit: UInt64,
    fixed requestedFixed: Bool
  ) -> UInt64? {
    guard cmaAreas.count < profile.maximumCMAAreas else {
      error("cma: Not enough slots for CMA reserved regions!")
      return nil
    }
    let alignment = profile.cmaMinimumAlignment
    var fixed = requestedFixed
    if fixed, requestedBase & (alignment - 1) != 0 {
      error("cma: Region at \(pa(requestedBase)) must be aligned to \(pa(alignment)) bytes")
      return nil
    }
    guard let alignedBase = Memblock.roundUp(requestedBase, alignment),
      let size = Memblock.roundUp(requestedSize, alignment)
    else { return nil }
    var base = alignedBase
    var limit = requestedLimit & ~(alignment - 1)
    if base == 0 { fixed = false }
    let end = memblock.endOfDRAM
    if limit == 0 || limit > end { limit = end }
    guard base <= limit, size <= limit - base else {
      error("cma: Size (\(pa(size))) of region at \(pa(base)) exceeds limit (\(pa(limit)))")
      return nil
    }
    if fixed {
      guard !memblock.isReserved(base: base, size: size) else { return nil }
      memblock.reserve(base: base, size: size)
    } else {
      base = allocateCMA(base: base, size: size, alignment: alignment, limit: limit)
      guard base != 0 else { return nil }
    }
    if initReservedCMA(base: base, size: size, name: "reserved") != nil {
      memblock.free(base: base, size: size)
      return nil
    }
    return base
  }

  /// `cma_alloc_mem`: with 64-bit physical addresses and a top-down memblock, first tries
  /// bottom-up above 4 GiB when `limit >= 4 GiB + size`; then a normal allocation.
  private mutating func allocateCMA(
    base: UInt64, size: UInt64, alignment: UInt64, limit: UInt64
  ) -> UInt64 {
    let fourGiB: UInt64 = 1 << 32
    if profile.physAddrBytes == 8, !memblock.bottomUp, limit >= fourGiB, limit - fourGiB >= size {
      memblock.bottomUp = true
      let found = memblock.allocate(size: size, align: alignment, start: fourGiB, end: limit)
      memblock.bottomUp = false
      if found != 0 { return found }
    }
    return memblock.allocate(size: size, align: alignment, start: base, end: limit)
  }
}

extension String {
  /// Left-aligned in a field of `width` characters (`%-8s`).
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
