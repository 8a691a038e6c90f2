/// A contiguous memory area (`struct cma`, one range): a bitmap where one bit stands for
/// `2^orderPerBit` pages, set meaning allocated. `allocate` is `cma_alloc` (first fit with
/// the alignment taken on the physical PFN), `release` is `cma_release`.
///
/// Free pageblocks are lent to the buddy allocator for movable pages (`borrowed`); claiming a
/// range migrates them away unless one is pinned, which makes `alloc_contig_range` fail with
/// `-EBUSY` and `cma_alloc` retry at the next aligned candidate. See `CMAArea+Movable.swift`.
public struct CMAArea: Hashable, Sendable {
  /// Area name (`reserved` for the default area, the node name for DT areas).
  public var name: String
  /// First page frame number.
  public let basePFN: UInt64
  /// Pages in the area (`cma->count`).
  public let count: UInt64
  /// Pages per bitmap bit, as a power of two.
  public let orderPerBit: Int
  /// The allocation bitmap.
  public internal(set) var bitmap: PageBitmap
  /// Free pages (`cma->available_count`).
  public internal(set) var availableCount: UInt64
  /// Movable pages the buddy allocator has placed in free parts of the area.
  public internal(set) var borrowed: Set<UInt64> = []
  /// Borrowed pages that are pinned (cannot be migrated).
  public internal(set) var pinned: Set<UInt64> = []
  /// Every migration done to claim a range, in order.
  public internal(set) var migrations: [CMAMigration] = []
  /// Where migrated pages go next (a simple bump counter outside the area).
  public internal(set) var nextMigrationTarget: UInt64
  /// `pr_debug`, `pr_info` and `pr_err` lines from allocations, oldest first.
  public internal(set) var log: [KernelLogLine] = []

  /// `cma_init_reserved_mem`: an area over `[base, base + size)` (page-aligned).
  public init(name: String, base: UInt64, size: UInt64, orderPerBit: Int = 0) {
    self.name = name
    basePFN = base >> 12
    count = size >> 12
    self.orderPerBit = orderPerBit
    bitmap = PageBitmap(count: Int(count >> UInt64(orderPerBit)))
    availableCount = count
    nextMigrationTarget = 0
  }

  /// First physical address.
  public var base: UInt64 { basePFN << 12 }
  /// Size in bytes.
  public var size: UInt64 { count << 12 }
  /// Pages in use (`count - available_count`), as debugfs `used` shows.
  public var used: UInt64 { count - availableCount }

  /// debugfs `maxchunk`: the longest free run, in pages.
  public var maxChunk: UInt64 { UInt64(bitmap.longestClearRun) << UInt64(orderPerBit) }

  /// `cma_bitmap_aligned_mask`.
  func alignedMask(_ align: Int) -> Int {
    align <= orderPerBit ? 0 : (1 << (align - orderPerBit)) - 1
  }

  /// `cma_bitmap_aligned_offset`: the base PFN's misalignment, in bits.
  func alignedOffset(_ align: Int) -> Int {
    Int((basePFN & ((1 << UInt64(align)) - 1)) >> UInt64(orderPerBit))
  }

  /// `cma_bitmap_pages_to_bits`: pages rounded up to whole bits.
  func pagesToBits(_ pages: UInt64) -> Int {
    let unit = UInt64(1) << UInt64(orderPerBit)
    return Int((pages + unit - 1) / unit)
  }

  /// `cma_alloc(cma, count, align, no_warn)`: allocates `pages` pages aligned to
  /// `2^align` pages of physical PFN. Returns the first PFN, or nil (logging the kernel's
  /// failure report unless `noWarn`).
  public mutating func allocate(pages: UInt64, align: Int, noWarn: Bool = false) -> UInt64? {
    guard count > 0, pages > 0, align >= 0, align < 40 else { return nil }
    let result = rangeAllocate(pages: pages, align: align)
    if case .success(let pfn) = result { return pfn }
    if case .failure(let error) = result, !noWarn {
      log.append(
        KernelLogLine(
          .error,
          "cma: __cma_alloc: \(name): alloc failed, req-size: \(pages) pages, ret: "
            + "\(error.returnValue)"))
      log += debugShowAreas()
    }
    return nil
  }

  private mutating func rangeAllocate(pages: UInt64, align: Int) -> Result<UInt64, KernelError> {
    let mask = alignedMask(align)
    let offset = alignedOffset(align)
    let maximum = bitmap.count
    let bits = pagesToBits(pages)
    guard bits <= maximum else { return .failure(.busy) }
    var start = 0
    while true {
      guard pages <= availableCount else { return .failure(.busy) }
      let bitmapNumber = bitmap.findNextZeroArea(
        size: maximum, start: start, count: bits, alignMask: mask, alignOffset: offset)
      guard bitmapNumber < maximum else { return .failure(.busy) }
      bitmap.set(bitmapNumber, length: bits)
      availableCount -= pages
      let pfn = basePFN + (UInt64(bitmapNumber) << UInt64(orderPerBit))
      let outcome = allocContigRange(start: pfn, end: pfn + pages)
      if outcome == nil { return .success(pfn) }
      bitmap.clear(bitmapNumber, length: bits)
      availableCount += pages
      guard outcome == .busy else { return .failure(outcome ?? .busy) }
      log.append(
        KernelLogLine(
          .debug,
          "cma: cma_range_alloc(): memory range at pfn 0x\(String(pfn, radix: 16)) "
            + "\(Self.pagePointer(pfn)) is busy, retrying"))
      start = bitmapNumber + mask + 1
    }
  }

  /// Marks `[pfn, pfn + pages)` in use, for memory the kernel took from the area before the
  /// machine starts (the atomic pools, kernel/dma/pool.c `atomic_pool_expand`). False, with
  /// nothing changed, when the run is outside the area or any of it is in use already.
  @discardableResult
  mutating func claimAtBoot(pfn: UInt64, pages: UInt64) -> Bool {
    guard pagesValid(pfn: pfn, count: pages), pages > 0 else { return false }
    let first = Int((pfn - basePFN) >> UInt64(orderPerBit))
    let bits = pagesToBits(pages)
    guard first + bits <= bitmap.count, (first..<first + bits).allSatisfy({ !bitmap.test($0) })
    else { return false }
    bitmap.set(first, length: bits)
    availableCount -= pages
    return true
  }

  /// `cma_pages_valid` (mm/cma.c): the count fits the area, the first page is inside it and
  /// so is the whole run.
  public func pagesValid(pfn: UInt64, count: UInt64) -> Bool {
    count <= self.count && pfn >= basePFN && pfn - basePFN < self.count
      && count <= self.count - (pfn - basePFN)
  }

  /// `cma_release(cma, pages, count)`: false (nothing done) unless the run lies inside the
  /// area; otherwise clears the bits (rounded up to whole bits) and returns true.
  @discardableResult
  public mutating func release(pfn: UInt64, pages: UInt64) -> Bool {
    releaseReportingUnallocated(pfn: pfn, pages: pages) != nil
  }

  /// `cma_release` that also says how many of the released pages were not allocated: nil
  /// when the run is outside the area (`cma_pages_valid` fails), else that count. mm/cma.c
  /// `cma_release` checks only the range, so a driver releasing more than `cma_alloc` gave
  /// frees free pages: `free_contig_range` (mm/page_alloc.c) counts every page whose refcount
  /// is not 1 and WARNs "%lu pages are still in use!". The kernel would also raise
  /// `available_count` by `count` (and debugfs `used` would wrap); the model raises it only by
  /// the pages that were allocated, so `used` stays within the area.
  public mutating func releaseReportingUnallocated(pfn: UInt64, pages: UInt64) -> UInt64? {
    guard pages <= count, pfn >= basePFN, pfn - basePFN < count, pages <= count - (pfn - basePFN)
    else { return nil }
    let bitmapNumber = Int((pfn - basePFN) >> UInt64(orderPerBit))
    let bits = min(pagesToBits(pages), bitmap.count - bitmapNumber)
    var allocatedBits = 0
    for index in bitmapNumber..<bitmapNumber + bits where bitmap.test(index) { allocatedBits += 1 }
    bitmap.clear(bitmapNumber, length: bits)
    let freed = min(pages, UInt64(allocatedBits) << UInt64(orderPerBit))
    availableCount = min(count, availableCount + freed)
    return pages - freed
  }

  /// `cma_debug_show_areas`: free extents as `pages@bit`, then the totals.
  public func debugShowAreas() -> [KernelLogLine] {
    var extents = ""
    for run in bitmap.clearRuns() {
      let pages = UInt64(run.end - run.start) << UInt64(orderPerBit)
      extents += (run.start == 0 ? "" : "+") + "\(pages)@\(run.start)"
    }
    return [
      KernelLogLine(.info, "cma: number of available pages: "),
      KernelLogLine(.info, "cma: range 0: " + extents),
      KernelLogLine(.info, "cma: "),
      KernelLogLine(.info, "=> \(availableCount) free of \(count) total pages"),
    ]
  }

  /// The `struct page` address printed for a PFN (the kernel hashes `%p`; dmascope shows the
  /// page's slot in a vmemmap at 0xfffffc0000000000, 64 bytes per page).
  static func pagePointer(_ pfn: UInt64) -> String {
    Hex.format(0xffff_fc00_0000_0000 &+ pfn &* 64, digits: 16)
  }
}
