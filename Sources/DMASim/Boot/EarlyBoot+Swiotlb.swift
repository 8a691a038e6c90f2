extension EarlyBoot {
  /// `IO_TLB_DEFAULT_SIZE >> IO_TLB_SHIFT`: 64 MiB of 2 KiB slots.
  static let defaultSlots = 32768

  /// arm64's `arch_mm_preinit` → `swiotlb_init(true, SWIOTLB_VERBOSE)`: when no memory lies
  /// above ZONE_DMA the pool shrinks to 1 MiB per GiB of RAM (for kmalloc bouncing), unless
  /// `swiotlb=` set the size; `noforce` disables it. The pool comes from low memory, top-down
  /// below the DMA limit.
  mutating func initialiseSwiotlb(dmaLimit: UInt64) -> SwiotlbPlacement? {
    let parameter = commandLine.swiotlb
    var slots = parameter?.slots.map(Int.init) ?? Self.defaultSlots
    let userAreas = parameter?.areas.map(Int.init)
    if let areas = userAreas { _ = roundUpSlots(&slots, areas: areas) }
    var needed = (memblock.endOfDRAM >> 12) > (dmaLimit >> 12)
    // v6.5+ with CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC: a small pool for kmalloc bouncing even
    // when every page is DMA-able; v6.1 sets up none then (arch/arm64/mm/init.c mem_init).
    let kmallocBounce = profile.kernel.hasKmallocBounce && profile.config.dmaBounceUnalignedKmalloc
    if !needed, kmallocBounce, slots == Self.defaultSlots {
      let size = min(UInt64(Self.defaultSlots) << 11, (memblock.totalSize + 1023) / 1024)
      let aligned = (size + 2047) / 2048 * 2048
      slots = Int((aligned >> 11 + 127) / 128 * 128)
      let shown = aligned
      log.append(
        KernelLogLine(
          .info, "software IO TLB: SWIOTLB bounce buffer size adjusted to \(shown >> 20)MB"))
    }
    if !needed, kmallocBounce { needed = true }
    if parameter?.disabled == true { return nil }
    // kernel/dma/swiotlb.c swiotlb_init_remap: nothing unless needed or swiotlb=force.
    if !needed, parameter?.force != true { return nil }
    var areas = userAreas ?? 0
    if userAreas == nil {
      var power = 1
      while power < profile.possibleCPUs { power <<= 1 }
      areas = power
      info("software IO TLB: area num \(areas).")
      if roundUpSlots(&slots, areas: areas) {
        info("software IO TLB: SWIOTLB bounce buffer size roundup to \((slots << 11) >> 20)MB")
      }
    }
    let requested = slots
    var base: UInt64 = 0
    while true {
      let bytes = (UInt64(slots) << 11 + profile.pageSize - 1) & ~(profile.pageSize - 1)
      base = memblock.allocate(size: bytes, align: profile.pageSize, start: 0, end: dmaLimit &- 1)
      if base != 0 { break }
      if slots <= 512 { return nil }
      slots = ((slots >> 1) + 127) / 128 * 128
    }
    if slots != requested {
      info("software IO TLB: SWIOTLB bounce buffer size adjusted \(requested) -> \(slots) slabs")
    }
    let bytes = UInt64(slots) << 11
    info(
      "software IO TLB: mapped [mem \(pa(base))-\(pa(base + bytes))] (\(bytes >> 20)MB)")
    let usable = slots < areas * 128 ? max(slots / 128, 1) : areas
    return SwiotlbPlacement(
      base: base, slots: slots, areas: usable, forceBounce: parameter?.force == true)
  }

  /// `round_up_default_nslabs`.
  func roundUpSlots(_ slots: inout Int, areas: Int) -> Bool {
    guard areas > 0 else { return false }
    if slots < 128 * areas {
      slots = 128 * areas
    } else if slots.nonzeroBitCount == 1 {
      return false
    }
    var power = 1
    while power < slots { power <<= 1 }
    slots = power
    return true
  }
}
