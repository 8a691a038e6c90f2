/// A per-device coherent pool (`struct dma_coherent_mem`), as a `shared-dma-pool` without
/// `reusable` gives a device through `memory-region`: one bit per page, allocations rounded up
/// to a power-of-two number of pages and placed at the first naturally aligned free block
/// (`bitmap_find_free_region`). When the pool is full the allocation fails: there is no
/// fallback to normal memory.
public struct DMACoherentPool: Hashable, Sendable {
  /// CPU physical address of the pool.
  public let physicalBase: UInt64
  /// Address devices use for the pool's first byte.
  public let deviceBase: UInt64
  /// Pages in the pool.
  public let pages: Int
  /// One bit per page.
  public private(set) var bitmap: PageBitmap

  /// `dma_init_coherent_memory(phys, dev_addr, size)`; nil for size 0 (`-EINVAL`).
  public init?(physicalBase: UInt64, deviceBase: UInt64, size: UInt64) {
    guard size >= 4096 else { return nil }
    self.physicalBase = physicalBase
    self.deviceBase = deviceBase
    pages = Int(size >> 12)
    bitmap = PageBitmap(count: pages)
  }

  /// `get_order(size)`: the smallest order with `4096 << order >= size`.
  public static func order(of size: UInt64) -> Int {
    var order = 0
    while (UInt64(4096) << UInt64(order)) < size, order < 52 { order += 1 }
    return order
  }

  /// `__dma_alloc_from_coherent`: the device address of a zeroed block, or nil.
  public mutating func allocate(size: UInt64) -> (device: UInt64, physical: UInt64)? {
    guard size > 0, size <= UInt64(pages) << 12 else { return nil }
    let order = Self.order(of: size)
    let block = 1 << order
    var position = 0
    while position + block <= pages {
      if bitmap.next(true, from: position, size: position + block) == position + block {
        bitmap.set(position, length: block)
        let offset = UInt64(position) << 12
        return (deviceBase + offset, physicalBase + offset)
      }
      position += block
    }
    return nil
  }

  /// `dma_release_from_dev_coherent`: frees the `get_order(size)` block at a device address
  /// inside the pool (a wrong size silently frees the wrong number of pages, as in the
  /// kernel). Returns false when the address is not in the pool.
  @discardableResult
  public mutating func release(device address: UInt64, size: UInt64) -> Bool {
    guard address >= deviceBase, address < deviceBase + (UInt64(pages) << 12) else {
      return false
    }
    let page = Int((address - deviceBase) >> 12)
    bitmap.clear(page, length: 1 << Self.order(of: size))
    return true
  }

  /// Pages in use.
  public var usedPages: Int { bitmap.population }
}
