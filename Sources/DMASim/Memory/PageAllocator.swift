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

  /// Allocates `count` physically contiguous pages aligned to their power-of-two order (as
  /// `alloc_pages` would), from never-used memory.
  public mutating func allocateContiguous(pages count: Int) -> PhysAddr? {
    let order = UInt64(max(1, count)).nextPowerOfTwo
    let alignment = order * PhysicalMemory.pageSize
    let start = (next + alignment - 1) / alignment * alignment
    let size = UInt64(count) * PhysicalMemory.pageSize
    guard start + size <= range.end else { return nil }
    next = start + size
    allocatedCount += count
    return PhysAddr(start)
  }

  /// Frees a page.
  public mutating func free(_ page: PhysAddr) {
    freed.insert(page.rawValue, at: 0)
    allocatedCount -= 1
  }
}

extension UInt64 {
  /// The smallest power of two at least as large (1 for 0).
  var nextPowerOfTwo: UInt64 {
    guard self > 1 else { return 1 }
    return 1 << UInt64(64 - (self - 1).leadingZeroBitCount)
  }
}
