/// `kmalloc`: power-of-two slab caches carved from pages handed out by the page allocator.
///
/// Objects of a fresh slab are handed out in address order; freed objects go to the head of
/// the free list and are reused first, as SLUB's per-slab freelist does.
public struct SlabAllocator: Hashable, Sendable {
  /// One `kmalloc-N` cache.
  public struct Cache: Hashable, Sendable {
    /// Object size in bytes.
    public var objectSize: UInt64
    /// Slab pages (physical base of each 4 KiB slab).
    public var slabs: [PhysAddr] = []
    /// Free objects, next to hand out first.
    public var freeList: [PhysAddr] = []
    /// The cache's name (`kmalloc-128`).
    public var name: String { "kmalloc-\(objectSize)" }
  }

  /// The kmalloc size classes (include/linux/slab.h, with the 96 and 192 caches).
  public static let sizeClasses: [UInt64] = [
    8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096,
  ]
  /// The caches, in size order.
  public private(set) var caches: [Cache] = SlabAllocator.sizeClasses.map { Cache(objectSize: $0) }

  /// Creates empty caches.
  public init() {}

  /// The cache serving a request of `size` bytes, nil above the largest class.
  public func cacheIndex(for size: UInt64) -> Int? {
    caches.firstIndex { $0.objectSize >= max(size, 1) }
  }

  /// Takes one object; `newSlab` supplies a page when the cache is empty.
  public mutating func allocate(
    size: UInt64, newSlab: () -> PhysAddr?
  ) -> (address: PhysAddr, cache: String, objectSize: UInt64)? {
    guard let index = cacheIndex(for: size) else { return nil }
    if caches[index].freeList.isEmpty {
      guard let page = newSlab() else { return nil }
      caches[index].slabs.append(page)
      let count = PhysicalMemory.pageSize / caches[index].objectSize
      caches[index].freeList = (0..<count).map {
        page.advanced(by: $0 * caches[index].objectSize)
      }
    }
    let address = caches[index].freeList.removeFirst()
    return (address, caches[index].name, caches[index].objectSize)
  }

  /// Returns an object to the head of its cache's free list.
  public mutating func free(_ address: PhysAddr, objectSize: UInt64) {
    guard let index = caches.firstIndex(where: { $0.objectSize == objectSize }) else { return }
    caches[index].freeList.insert(address, at: 0)
  }
}
