/// The memblock allocations arm64 makes before the default CMA area and before swiotlb, in
/// the kernel's order, with the sizes of `profile.build`. Top-down memblock puts them at the
/// top of memory, so they move every later default placement down (arch/arm64/kernel/setup.c
/// `setup_arch`, arch/arm64/mm/init.c `bootmem_init`, init/main.c `start_kernel`).
extension EarlyBoot {
  /// 128 MiB memory sections (`SECTION_SIZE_BITS` 27 on arm64 with 4 KiB pages).
  static let sectionShift: UInt64 = 27
  /// `sizeof(struct page)`.
  static let structPageBytes: UInt64 = 64
  /// `SMP_CACHE_BYTES`, the alignment of `memblock_alloc`.
  var cacheAlign: UInt64 { profile.smpCacheBytes }

  /// `memblock_alloc(size, align)`: anywhere, top-down.
  @discardableResult
  mutating func earlyAllocate(_ size: UInt64, align: UInt64) -> UInt64 {
    memblock.allocate(size: size, align: align, start: 0, end: Memblock.anywhere)
  }

  /// From `paging_init` to `sparse_init`: the linear map's page tables, the unflattened tree,
  /// `NODE_DATA`, the sparse section tables, usemaps and the memmap with its vmemmap tables.
  mutating func allocateBeforeCMA() {
    guard let build = profile.build else { return }
    allocatePageTables(build)
    allocateUnflattenedTree(build)
    allocateNodeData(build)
    allocateSparse(build)
  }

  /// arch/arm64/mm/mmu.c `map_mem` with `rodata=full` (Debian's `RODATA_FULL_DEFAULT_ENABLED`):
  /// the linear map at page granularity, so one PTE table per 2 MiB block of mapped memory,
  /// one PMD table per GiB and one PUD table per 512 GiB, each a page from
  /// `early_pgtable_alloc`. `no-map` memory is not mapped.
  private mutating func allocatePageTables(_ build: KernelBuild) {
    memblock.allocatePages(count: linearMapTablePages(build), pageSize: profile.pageSize)
  }

  /// How many page-table pages `map_mem` takes for the memory memblock holds now.
  func linearMapTablePages(_ build: KernelBuild) -> Int {
    let mapped = memblock.memory.filter { !$0.noMap && $0.size > 0 }
    var count = 0
    for shift: UInt64 in [21, 30, 39] {
      var last: UInt64?
      for region in mapped {
        var block = region.base >> shift
        let endBlock = (region.end - 1) >> shift
        if block == last { block += 1 }
        if block <= endBlock { count += Int(endBlock - block + 1) }
        last = endBlock
      }
    }
    return max(0, count + build.pageTableAdjustment)
  }

  /// drivers/of/fdt.c `unflatten_dt_nodes`: a `struct device_node` plus the name per node and a
  /// `struct property` per property, 8-byte aligned, and 4 bytes of end marker.
  private mutating func allocateUnflattenedTree(_ build: KernelBuild) {
    let shape = description.treeShape
    guard !shape.nameLengths.isEmpty else { return }
    func align8(_ value: UInt64) -> UInt64 { (value + 7) & ~7 }
    var size: UInt64 = 0
    for length in shape.nameLengths { size += align8(build.deviceNodeBytes + UInt64(length) + 1) }
    size += UInt64(shape.properties) * build.propertyBytes
    if build.namesEveryNode {
      for length in shape.baseNameLengths {
        size += align8(build.propertyBytes + UInt64(length) + 1)
      }
    }
    earlyAllocate(size + 4, align: 8)
  }

  /// `NODE_DATA(0)` for the one faked node (v6.1 first allocates, frees and allocates again
  /// the page-aligned distance table).
  private mutating func allocateNodeData(_ build: KernelBuild) {
    if let distance = build.numaDistanceBytes {
      let first = earlyAllocate(distance, align: profile.pageSize)
      if first != 0 { memblock.free(base: first, size: distance) }
      earlyAllocate(distance, align: profile.pageSize)
    }
    earlyAllocate(build.nodeDataBytes, align: cacheAlign)
    if build.cpumaskBytes > 0 { earlyAllocate(build.cpumaskBytes, align: cacheAlign) }
  }

  /// The present 128 MiB sections, each with its memmap of `PAGES_PER_SECTION` struct pages.
  var presentSections: [UInt64] {
    var sections: [UInt64] = []
    for region in memblock.memory where region.size > 0 {
      for section in (region.base >> Self.sectionShift)...((region.end - 1) >> Self.sectionShift)
      where sections.last != section {
        sections.append(section)
      }
    }
    return sections
  }

  /// mm/sparse.c `sparse_init`: the section roots, one root's section array, the node's
  /// usemaps (in the section of `NODE_DATA`), then `sparse_buffer_init`'s memmap for every
  /// present section at once (2 MiB aligned, `PMD_SIZE` per section) and the vmemmap's
  /// PUD and PMD tables (mm/sparse-vmemmap.c `vmemmap_populate`).
  private mutating func allocateSparse(_ build: KernelBuild) {
    let sections = presentSections
    guard let firstSection = sections.first, let lastSection = sections.last else { return }
    earlyAllocate(build.sectionRootsBytes, align: cacheAlign)
    earlyAllocate(build.sectionIndexBytes, align: cacheAlign)
    let usemaps = build.usemapBytesPerSection * UInt64(sections.count)
    earlyAllocate(usemaps, align: cacheAlign)
    let sectionMap = (Self.structPageBytes << Self.sectionShift) / profile.pageSize
    earlyAllocate(sectionMap * UInt64(sections.count), align: sectionMap)
    // The vmemmap's VA span: struct pages of [first section, last section + 1).
    let start = (firstSection << Self.sectionShift) / profile.pageSize * Self.structPageBytes
    let end = ((lastSection + 1) << Self.sectionShift) / profile.pageSize * Self.structPageBytes
    var tables = 0
    for shift: UInt64 in [30, 39] { tables += Int(((end - 1) >> shift) - (start >> shift) + 1) }
    for _ in 0..<tables { earlyAllocate(profile.pageSize, align: profile.pageSize) }
  }

  /// From `setup_arch`'s end to `mm_core_init`: a `setup_arch` allocation, the two copies of
  /// the command line (init/main.c `setup_command_line`), the first per-CPU chunk
  /// (mm/percpu.c `pcpu_embed_first_chunk`), and the dentry and inode hash tables
  /// (fs/dcache.c `dcache_init_early`, fs/inode.c `inode_init_early`, through
  /// mm/mm_init.c `alloc_large_system_hash`).
  mutating func allocateAfterCMA() {
    guard let build = profile.build else { return }
    earlyAllocate(build.setupArchBytes, align: cacheAlign)
    let line = UInt64(commandLine.text.utf8.count) + 1
    earlyAllocate(line, align: cacheAlign)
    earlyAllocate(line, align: cacheAlign)
    let info = earlyAllocate(profile.pageSize, align: profile.pageSize)
    let areas = earlyAllocate(profile.pageSize, align: cacheAlign)
    earlyAllocate(build.percpuUnitBytes * UInt64(profile.possibleCPUs), align: profile.pageSize)
    for size in build.percpuMetadataBytes { earlyAllocate(size, align: cacheAlign) }
    if info != 0 { memblock.free(base: info, size: profile.pageSize) }
    if areas != 0 { memblock.free(base: areas, size: profile.pageSize) }
    for scale: UInt64 in [13, 14] {
      earlyAllocate(largeSystemHashBytes(scale: scale), align: cacheAlign)
    }
  }

  /// `alloc_large_system_hash(…, 8-byte buckets, scale, HASH_EARLY)`: one bucket per
  /// `2^scale` bytes of the kernel's pages (present pages less their memmap, rounded up to a
  /// MiB), a power of two, at most a sixteenth of memory.
  func largeSystemHashBytes(scale: UInt64) -> UInt64 {
    let pages = memblock.totalSize / profile.pageSize
    let memmapPages = (pages * Self.structPageBytes + profile.pageSize - 1) / profile.pageSize
    let perMiB = (1 << 20) / profile.pageSize
    var entries = (pages - min(pages, memmapPages) + perMiB - 1) / perMiB * perMiB
    entries >>= scale - 12
    entries = max(entries, profile.pageSize / 8)
    var power: UInt64 = 1
    while power < entries { power <<= 1 }
    let maximum = min((memblock.totalSize >> 4) / 8, 0x8000_0000)
    while power > maximum, power > 1 { power >>= 1 }
    return power * 8
  }
}
