/// The kernel's memory allocators: the page allocator (and ZONE_DMA's pages when a board keeps
/// them apart), kmalloc's slab caches, the CMA areas, the vmalloc area's cursor, and the live
/// allocations they handed out.
public struct KernelAllocators: Hashable, Sendable {
  /// The page allocator.
  public internal(set) var pages: PageAllocator
  /// ZONE_DMA pages, when the board keeps them apart from the page allocator's range.
  public internal(set) var dmaZonePages: PageAllocator?
  /// kmalloc caches.
  public internal(set) var slab = SlabAllocator()
  /// The board's CMA areas (bitmaps, lent movable pages), the default first.
  public internal(set) var cmaAreas: [CMAArea]
  /// Live allocations, oldest first.
  public internal(set) var allocations: [Allocation] = []
  /// Where the next vmalloc-area remap goes.
  var nextVmalloc: UInt64 = 0xffff_8000_1000_0000

  /// Allocators over a page range, an optional ZONE_DMA range and the CMA areas.
  public init(pages: PageAllocator, dmaZonePages: PageAllocator?, cmaAreas: [CMAArea]) {
    self.pages = pages
    self.dmaZonePages = dmaZonePages
    self.cmaAreas = cmaAreas
  }
}
