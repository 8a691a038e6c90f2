/// An atomic pool at run time: the `gen_pool` kernel/dma/pool.c `__dma_atomic_pool_init`
/// creates over the pool's pages, one bit a page (`min_alloc_order` is `PAGE_SHIFT`),
/// allocating with `gen_pool_first_fit_order_align` (lib/genalloc.c).
public struct AtomicPoolState: Hashable, Sendable {
  /// The pool as boot made it.
  public let pool: AtomicPool
  /// Its first physical address.
  public let base: UInt64
  /// Where the pool's `dma_common_contiguous_remap` sits in the vmalloc area, once mapped.
  public internal(set) var remap: VirtAddr?
  /// One bit a page.
  public internal(set) var bitmap: PageBitmap

  /// A pool over `[base, base + pool.size)`, all free.
  public init(pool: AtomicPool, base: UInt64) {
    self.pool = pool
    self.base = base
    bitmap = PageBitmap(count: Int(pool.size >> 12))
  }

  /// Whether `physical` lies in the pool (`gen_pool_has_addr`).
  public func contains(_ physical: UInt64) -> Bool {
    physical >= base && physical - base < pool.size
  }

  /// `gen_pool_alloc(pool, size)` with `gen_pool_first_fit_order_align`: the pages rounded up,
  /// aligned to the next power of two of their count, first fit. The physical address, or nil.
  mutating func allocate(bytes: UInt64) -> UInt64? {
    let pages = Int((bytes + 4095) >> 12)
    guard pages > 0, pages <= bitmap.count else { return nil }
    let mask = Int(UInt64(pages).nextPowerOfTwo) - 1
    let index = bitmap.findNextZeroArea(
      size: bitmap.count, start: 0, count: pages, alignMask: mask, alignOffset: 0)
    guard index + pages <= bitmap.count else { return nil }
    bitmap.set(index, length: pages)
    return base + (UInt64(index) << 12)
  }

  /// `gen_pool_free(pool, addr, size)`.
  mutating func free(physical: UInt64, bytes: UInt64) {
    guard contains(physical) else { return }
    let first = Int((physical - base) >> 12)
    let pages = min(Int((bytes + 4095) >> 12), bitmap.count - first)
    if pages > 0 { bitmap.clear(first, length: pages) }
  }
}
