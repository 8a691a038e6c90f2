/// A controller driver's `dma_pool` of linked-list items: coherent pages carved into 16-byte
/// blocks (`dma_pool_create("lli", dev, 16, 16, 0)`), grown a page at a time.
public struct LLIPool: Hashable, Sendable {
  /// One coherent page of the pool.
  public struct Page: Hashable, Sendable {
    /// The CPU's address of the page (the non-cacheable remap for a non-coherent controller).
    public var virtual: VirtAddr
    /// Its physical (and bus) address.
    public var physical: PhysAddr
    /// The attribute of the CPU's mapping.
    public var memoryType: MemoryType
    /// Which blocks are handed out.
    public var used: [Bool]
  }

  /// Blocks per page.
  public static let blocksPerPage = Int(PhysicalMemory.pageSize) / LinkedListItem.size

  /// The pool's pages, oldest first.
  public var pages: [Page] = []

  /// Creates an empty pool.
  public init() {}

  /// Blocks in use.
  public var inUse: Int { pages.reduce(0) { $0 + $1.used.filter { $0 }.count } }

  /// `dma_pool_alloc`: the first free block, as CPU address, bus address and attribute.
  mutating func allocate() -> (VirtAddr, PhysAddr, MemoryType)? {
    for page in pages.indices {
      guard let block = pages[page].used.firstIndex(of: false) else { continue }
      pages[page].used[block] = true
      let offset = UInt64(block * LinkedListItem.size)
      return (
        pages[page].virtual.advanced(by: offset), pages[page].physical.advanced(by: offset),
        pages[page].memoryType
      )
    }
    return nil
  }

  /// `dma_pool_free`.
  mutating func free(_ address: DMAAddr) {
    for page in pages.indices {
      let base = pages[page].physical.rawValue
      guard address.rawValue >= base, address.rawValue < base + PhysicalMemory.pageSize else {
        continue
      }
      pages[page].used[Int(address.rawValue - base) / LinkedListItem.size] = false
    }
  }
}
