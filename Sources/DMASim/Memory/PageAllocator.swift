/// A simple order-0 page allocator over the DRAM left after the kernel's reservations.
///
/// Pages are handed out lowest-address first and freed pages are reused first.
public struct PageAllocator: Hashable, Sendable {
  /// The managed range.
  public let range: MemoryRegion
  /// The lowest never-used page.
  public private(set) var next: UInt64
  /// Freed pages, next to reuse first.
  public private(set) var freed: [UInt64] = []
  /// Pages currently allocated.
  public private(set) var allocatedCount = 0

  /// Manages `range`.
  public init(range: MemoryRegion) {
    self.range = range
    next = range.base
  }

  /// Allocates one 4 KiB page, nil when memory is exhausted.
  public mutating func allocatePage() -> PhysAddr? {
    if !freed.isEmpty {
      allocatedCount += 1
      return PhysAddr(freed.removeFirst())
    }
    guard next + PhysicalMemory.pageSize <= range.end else { return nil }
    defer { next += PhysicalMemory.pageSize }
    allocatedCount += 1
    return PhysAddr(next)
  }

  /// Frees a page.
  public mutating func free(_ page: PhysAddr) {
    freed.insert(page.rawValue, at: 0)
    allocatedCount -= 1
  }
}
