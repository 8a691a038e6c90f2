/// A binary buddy page allocator with zones DMA, DMA32 and Normal and one free list per order
/// (0 through `MAX_PAGE_ORDER` 10). Free lists are sorted by PFN; an allocation takes the
/// lowest block of the smallest order that fits and splits it, a free merges with its buddy.
/// Memory use grows with the number of free blocks, not with DRAM size.
public struct BuddyAllocator: Hashable, Sendable {
  /// `MAX_PAGE_ORDER`.
  public static let maximumOrder = 10

  /// A zone.
  public enum ZoneKind: String, Hashable, Sendable, CaseIterable {
    /// `ZONE_DMA`.
    case dma = "DMA"
    /// `ZONE_DMA32`.
    case dma32 = "DMA32"
    /// `ZONE_NORMAL`.
    case normal = "Normal"
  }

  /// One zone's span and free lists.
  public struct Zone: Hashable, Sendable {
    /// Which zone.
    public var kind: ZoneKind
    /// First PFN.
    public var startPFN: UInt64
    /// One past the last PFN.
    public var endPFN: UInt64
    /// Free block PFNs per order, ascending.
    public internal(set) var freeLists: [[UInt64]]

    /// Free pages in the zone.
    public var freePages: UInt64 {
      freeLists.enumerated().reduce(0) { $0 + UInt64($1.element.count) << UInt64($1.offset) }
    }
  }

  /// The zones that have pages, lowest first.
  public internal(set) var zones: [Zone]

  /// Zones split at `dmaLimit` and `dma32Limit` (exclusive physical addresses), holding the
  /// given free physical ranges.
  public init(
    freeRanges: [(start: UInt64, end: UInt64)], dmaLimit: UInt64, dma32Limit: UInt64
  ) {
    let bounds: [(ZoneKind, UInt64, UInt64)] = [
      (.dma, 0, dmaLimit >> 12), (.dma32, dmaLimit >> 12, max(dmaLimit, dma32Limit) >> 12),
      (.normal, max(dmaLimit, dma32Limit) >> 12, UInt64.max >> 12),
    ]
    var zones: [Zone] = []
    for (kind, low, high) in bounds where low < high {
      var zone = Zone(
        kind: kind, startPFN: low, endPFN: high,
        freeLists: [[UInt64]](repeating: [], count: Self.maximumOrder + 1))
      for range in freeRanges {
        let start = max(range.start >> 12, low)
        let end = min(range.end >> 12, high)
        guard start < end else { continue }
        Self.addFreeBlocks(&zone, start, end)
      }
      if zone.freePages > 0 { zones.append(zone) }
    }
    self.zones = zones
  }

  /// Adds `[start, end)` as the largest naturally aligned blocks.
  static func addFreeBlocks(_ zone: inout Zone, _ start: UInt64, _ end: UInt64) {
    var pfn = start
    while pfn < end {
      var order = maximumOrder
      while order > 0
        && (pfn & ((1 << UInt64(order)) - 1) != 0 || pfn + (1 << UInt64(order)) > end)
      {
        order -= 1
      }
      insert(&zone.freeLists[order], pfn)
      pfn += 1 << UInt64(order)
    }
  }

  static func insert(_ list: inout [UInt64], _ pfn: UInt64) {
    var low = 0
    var high = list.count
    while low < high {
      let middle = (low + high) / 2
      if list[middle] < pfn { low = middle + 1 } else { high = middle }
    }
    list.insert(pfn, at: low)
  }

  static func remove(_ list: inout [UInt64], _ pfn: UInt64) -> Bool {
    var low = 0
    var high = list.count
    while low < high {
      let middle = (low + high) / 2
      if list[middle] < pfn { low = middle + 1 } else { high = middle }
    }
    guard low < list.count, list[low] == pfn else { return false }
    list.remove(at: low)
    return true
  }

  /// `alloc_pages(gfp, order)`: tries `highest` and then each lower zone (Normal, DMA32,
  /// DMA). Returns the first PFN of the block, or nil.
  public mutating func allocate(order: Int, highest: ZoneKind = .normal) -> UInt64? {
    guard order >= 0, order <= Self.maximumOrder else { return nil }
    let allowed = ZoneKind.allCases.prefix { $0 != highest } + [highest]
    for zoneIndex in zones.indices.reversed() where allowed.contains(zones[zoneIndex].kind) {
      guard
        let current = (order...Self.maximumOrder).first(where: {
          !zones[zoneIndex].freeLists[$0].isEmpty
        })
      else { continue }
      let pfn = zones[zoneIndex].freeLists[current].removeFirst()
      var split = current
      while split > order {
        split -= 1
        Self.insert(&zones[zoneIndex].freeLists[split], pfn + (1 << UInt64(split)))
      }
      return pfn
    }
    return nil
  }

  /// `__free_pages(page, order)`: returns the block and merges it with free buddies.
  public mutating func free(pfn: UInt64, order: Int) {
    guard let zoneIndex = zones.firstIndex(where: { pfn >= $0.startPFN && pfn < $0.endPFN })
    else { return }
    var block = pfn
    var current = order
    while current < Self.maximumOrder {
      let buddy = block ^ (1 << UInt64(current))
      guard buddy >= zones[zoneIndex].startPFN, buddy < zones[zoneIndex].endPFN,
        Self.remove(&zones[zoneIndex].freeLists[current], buddy)
      else { break }
      block = min(block, buddy)
      current += 1
    }
    Self.insert(&zones[zoneIndex].freeLists[current], block)
  }

  /// Free pages over all zones.
  public var freePages: UInt64 { zones.reduce(0) { $0 + $1.freePages } }
}
