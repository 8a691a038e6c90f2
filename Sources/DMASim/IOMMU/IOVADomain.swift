/// `struct iova_domain` from drivers/iommu/iova.c: the IOVA allocator of one DMA domain.
///
/// Ranges are kept sorted by `pfn_lo` (the kernel's red-black tree) above which sits the anchor
/// node at `IOVA_ANCHOR` (~0). `allocate` is `alloc_iova_fast`: the per-CPU range cache first,
/// then `alloc_iova` with `size_aligned`, which walks down from the cached node below the limit
/// (`__alloc_and_insert_iova_range`), retrying once above the cached node. Freed ranges of up to
/// 32 pages go back to the range cache and stay allocated in the tree (`free_iova_fast`).
public struct IOVADomain: Hashable, Sendable {
  /// `IOVA_ANCHOR`: the pfn of the anchor node above the usable space.
  public static let anchor = UInt64.max
  /// `IOVA_RANGE_CACHE_MAX_SIZE`: ranges of order below this are cached (up to 32 pages).
  public static let rangeCacheMaxOrder = 6
  /// `IOVA_MAG_SIZE`: pfns per magazine.
  public static let magazineSize = 127

  /// `granule`: the IOVA page size (4 KiB).
  public let granule: UInt64
  /// `start_pfn`: the lowest page frame handed out (1: IOVA 0 is never used).
  public let startPFN: UInt64
  /// `dma_32bit_pfn`: the first page frame at or above 4 GiB.
  public let dma32BitPFN: UInt64
  /// The allocated and reserved ranges, sorted by `pfnLo` (the anchor is not listed).
  public private(set) var ranges: [IOVARange] = []
  /// `max32_alloc_size`: below 4 GiB, sizes at least this large are known to fail.
  public private(set) var max32AllocSize: UInt64
  /// `cached_node` (by `pfn_lo`; `anchor` for the anchor node).
  public private(set) var cachedNode = IOVADomain.anchor
  /// `cached32_node` (by `pfn_lo`; `anchor` for the anchor node).
  public private(set) var cached32Node = IOVADomain.anchor
  /// The range caches, by order: the loaded magazine, the previous one, then full magazines in
  /// the depot (one CPU is modelled).
  public private(set) var rangeCaches: [IOVARangeCache]

  /// `init_iova_domain(iovad, granule, start_pfn)` plus `iova_domain_init_rcaches`.
  public init(granule: UInt64 = 4096, startPFN: UInt64 = 1) {
    self.granule = granule
    self.startPFN = startPFN
    dma32BitPFN = (1 << 32) / granule
    max32AllocSize = (1 << 32) / granule
    rangeCaches = Array(repeating: IOVARangeCache(), count: Self.rangeCacheMaxOrder)
  }

  /// `alloc_iova_fast`: `size` pages at or below `limitPFN`. Sizes under 32 pages are rounded up
  /// to a power of two; a cached range of the same order is reused first. Returns `pfn_lo` and
  /// whether it came from the range cache, or nil when the space below the limit is full.
  public mutating func allocate(pages size: UInt64, limitPFN: UInt64) -> (
    pfn: UInt64, fromCache: Bool
  )? {
    guard size > 0 else { return nil }
    var size = size
    if size < 1 << (Self.rangeCacheMaxOrder - 1) { size = Self.roundUpPowerOfTwo(size) }
    if let pfn = rangeCacheGet(size: size, limitPFN: limitPFN + 1) { return (pfn, true) }
    if let pfn = allocateRange(pages: size, limitPFN: limitPFN, sizeAligned: true) {
      return (pfn, false)
    }
    // Flush the range caches and retry once (flush_rcache).
    guard rangeCaches.contains(where: { !$0.isEmpty }) else { return nil }
    flushRangeCaches()
    return allocateRange(pages: size, limitPFN: limitPFN, sizeAligned: true).map { ($0, false) }
  }

  /// `alloc_iova`: `size` pages in `[start_pfn, limitPFN]`, top-down; with `sizeAligned` the
  /// first pfn is a multiple of the size rounded up to a power of two. Returns `pfn_lo`.
  public mutating func allocateRange(pages size: UInt64, limitPFN: UInt64, sizeAligned: Bool)
    -> UInt64?
  {
    guard size > 0 else { return nil }
    let limit = limitPFN &+ 1
    let alignMask: UInt64 = sizeAligned ? ~0 << UInt64(Self.flsLong(size - 1)) : ~0
    var highPFN = limit
    var lowPFN = startPFN
    if limit <= dma32BitPFN, size >= max32AllocSize { return nil }
    var current: Int? = index(ofNode: limit <= dma32BitPFN ? cached32Node : cachedNode)
    let retryPFN = pfnHi(current)
    var newPFN: UInt64 = 0
    var retried = false
    while true {
      repeat {
        highPFN = min(highPFN, pfnLo(current))
        newPFN = (highPFN &- size) & alignMask
        current = previous(current)
      } while current != nil && newPFN <= pfnHi(current) && newPFN >= lowPFN
      if highPFN < size || newPFN < lowPFN {
        if !retried, lowPFN == startPFN, retryPFN < limit {
          retried = true
          highPFN = limit
          lowPFN = retryPFN + 1
          current = findLimit(limit)
          continue
        }
        max32AllocSize = size
        return nil
      }
      break
    }
    let range = IOVARange(pfnLo: newPFN, pfnHi: newPFN + size - 1)
    insert(range)
    if range.pfnHi < dma32BitPFN { cached32Node = range.pfnLo } else { cachedNode = range.pfnLo }
    return newPFN
  }

  /// `reserve_iova`: keeps `[pfnLo, pfnHi]` out of every allocation (an MSI or PCI window).
  public mutating func reserve(pfnLo: UInt64, pfnHi: UInt64) {
    guard !ranges.contains(where: { $0.pfnLo <= pfnHi && pfnLo <= $0.pfnHi }) else { return }
    insert(IOVARange(pfnLo: pfnLo, pfnHi: pfnHi, reserved: true))
  }

  /// `free_iova_fast`: the range starting at `pfn` (`size` pages as the caller mapped them) goes
  /// to the range cache of its order when there is room, else `free_iova` removes it. Returns
  /// whether it was cached.
  @discardableResult
  public mutating func free(pfn: UInt64, pages size: UInt64) -> Bool {
    if rangeCacheInsert(pfn: pfn, size: size) { return true }
    freeRange(containing: pfn)
    return false
  }

  /// `free_iova`: removes the range holding `pfn` from the tree (the cached nodes move up).
  public mutating func freeRange(containing pfn: UInt64) {
    guard let index = ranges.firstIndex(where: { $0.pfnLo <= pfn && pfn <= $0.pfnHi }) else {
      return
    }
    let freed = ranges[index]
    let next = index + 1 < ranges.count ? ranges[index + 1].pfnLo : Self.anchor
    // __cached_rbnode_delete_update
    if freed.pfnLo == cached32Node
      || (freed.pfnHi < dma32BitPFN && freed.pfnLo >= cached32Node)
    {
      cached32Node = next
    }
    if freed.pfnLo < dma32BitPFN { max32AllocSize = dma32BitPFN }
    if freed.pfnLo >= cachedNode { cachedNode = next }
    ranges.remove(at: index)
  }

  /// `find_iova`: the range holding a page frame.
  public func find(pfn: UInt64) -> IOVARange? {
    ranges.first { $0.pfnLo <= pfn && pfn <= $0.pfnHi }
  }

  /// `fls_long`: the position of the most significant set bit, counting from 1 (0 for 0).
  public static func flsLong(_ value: UInt64) -> Int { 64 - value.leadingZeroBitCount }

  /// `roundup_pow_of_two`.
  public static func roundUpPowerOfTwo(_ value: UInt64) -> UInt64 {
    value <= 1 ? 1 : 1 << UInt64(flsLong(value - 1))
  }

  /// `order_base_2`: the order of the smallest power of two at least `value`.
  public static func orderBase2(_ value: UInt64) -> Int {
    value <= 1 ? 0 : flsLong(value - 1)
  }

  // MARK: - The tree

  private func index(ofNode pfn: UInt64) -> Int? {
    pfn == Self.anchor ? nil : ranges.firstIndex { $0.pfnLo == pfn }
  }

  /// `pfn_lo` of a node (nil is the anchor).
  private func pfnLo(_ node: Int?) -> UInt64 { node.map { ranges[$0].pfnLo } ?? Self.anchor }

  /// `pfn_hi` of a node (nil is the anchor).
  private func pfnHi(_ node: Int?) -> UInt64 { node.map { ranges[$0].pfnHi } ?? Self.anchor }

  /// `rb_prev`: the next lower node; for the anchor, the highest range.
  private func previous(_ node: Int?) -> Int? {
    guard let node else { return ranges.isEmpty ? nil : ranges.count - 1 }
    return node > 0 ? node - 1 : nil
  }

  /// `iova_find_limit`: where the retry walk starts (the anchor above 4 GiB, else the lowest
  /// node ending at or above the limit).
  private func findLimit(_ limit: UInt64) -> Int? {
    guard limit <= dma32BitPFN else { return nil }
    return ranges.firstIndex { $0.pfnHi >= limit }
  }

  private mutating func insert(_ range: IOVARange) {
    let at = ranges.firstIndex { $0.pfnLo > range.pfnLo } ?? ranges.count
    ranges.insert(range, at: at)
  }

  // MARK: - Range caches

  private mutating func rangeCacheInsert(pfn: UInt64, size: UInt64) -> Bool {
    let order = Self.orderBase2(size)
    guard order < Self.rangeCacheMaxOrder else { return false }
    rangeCaches[order].push(pfn)
    return true
  }

  private mutating func rangeCacheGet(size: UInt64, limitPFN: UInt64) -> UInt64? {
    let order = Self.orderBase2(size)
    guard order < Self.rangeCacheMaxOrder, limitPFN >= size else { return nil }
    return rangeCaches[order].pop(limitPFN: limitPFN - size)
  }

  private mutating func flushRangeCaches() {
    for order in rangeCaches.indices {
      for pfn in rangeCaches[order].all { freeRange(containing: pfn) }
      rangeCaches[order] = IOVARangeCache()
    }
  }
}
