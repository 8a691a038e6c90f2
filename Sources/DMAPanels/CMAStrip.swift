import DMASim

/// A CMA area's pages drawn to scale as a row-major strip of cells, each cell standing for
/// `pagesPerCell` consecutive pages, with the state that matters most in it (pinned, then
/// allocated, then lent to movable pages, then free) and the allocation that owns it.
public struct CMAStrip: Hashable, Sendable {
  /// What a cell shows.
  public enum State: Int, Hashable, Sendable, Comparable {
    /// Every page free.
    case free
    /// Some page lent to the buddy allocator for a movable page.
    case movable
    /// Some page allocated by `cma_alloc`.
    case allocated
    /// Some lent page pinned (it cannot be migrated).
    case pinned

    /// Orders by importance.
    public static func < (lhs: State, rhs: State) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// One cell.
  public struct Cell: Hashable, Sendable {
    /// The most important state among its pages.
    public var state: State
    /// The index in `owners` of the first allocation that overlaps it.
    public var owner: Int?
  }

  /// The first page (offset in the area) the strip shows.
  public var firstPage: UInt64
  /// Pages per cell.
  public var pagesPerCell: UInt64
  /// The cells.
  public var cells: [Cell]
  /// The live allocations from this area, by physical address.
  public var owners: [Allocation]

  /// Pages per cell that fit the whole area into `capacity` cells (zoom level 0).
  public static func fittingPagesPerCell(_ area: CMAArea, capacity: Int) -> UInt64 {
    let cells = UInt64(max(capacity, 1))
    return max(1, (area.count + cells - 1) / cells)
  }

  /// Builds the strip for `area`: `capacity` cells from page `firstPage`, `pagesPerCell` each.
  public init(
    area: CMAArea, allocations: [Allocation], firstPage: UInt64, pagesPerCell: UInt64,
    capacity: Int
  ) {
    self.firstPage = firstPage
    self.pagesPerCell = max(1, pagesPerCell)
    owners = allocations.filter { $0.cmaArea == area.name }.sorted { $0.physical < $1.physical }
    let per = self.pagesPerCell
    let available = firstPage < area.count ? (area.count - firstPage + per - 1) / per : 0
    let count = Int(min(UInt64(max(capacity, 0)), available))
    var cells = [Cell](repeating: Cell(state: .free, owner: nil), count: count)
    let shift = UInt64(area.orderPerBit)
    for index in 0..<count {
      let start = firstPage + UInt64(index) * per
      let end = min(start + per, area.count)
      let firstBit = Int(start >> shift)
      let endBit = Int((end + (1 << shift) - 1) >> shift)
      if area.bitmap.next(true, from: firstBit, size: endBit) < endBit {
        cells[index].state = .allocated
      }
    }
    func mark(_ pfns: Set<UInt64>, _ state: State) {
      for pfn in pfns where pfn >= area.basePFN + firstPage {
        let index = Int((pfn - area.basePFN - firstPage) / per)
        if index < count, cells[index].state < state { cells[index].state = state }
      }
    }
    mark(area.borrowed, .movable)
    mark(area.pinned, .pinned)
    for (ownerIndex, owner) in owners.enumerated() {
      let pages = max(1, (owner.reservedSize + 4095) / 4096)
      let startPage = owner.physical.pfn - area.basePFN
      let endPage = startPage + pages
      guard endPage > firstPage else { continue }
      let from = startPage > firstPage ? Int((startPage - firstPage) / per) : 0
      let to = Int(min((endPage - 1 - firstPage) / per, UInt64(max(count - 1, 0))))
      guard from < count, from <= to else { continue }
      for index in from...to where cells[index].owner == nil { cells[index].owner = ownerIndex }
    }
    self.cells = cells
  }
}

/// A CMA area's free-space figures from one pass over its bitmap.
public struct CMAFreeSpace: Hashable, Sendable {
  /// debugfs `maxchunk`: the longest free run, in pages.
  public var maxChunk: UInt64
  /// The number of separate free runs.
  public var runs: Int
  /// Free pages outside the longest run, as a share of all free pages (0 to 100).
  public var fragmentationPercent: Int

  /// Reads the area's bitmap once.
  public init(_ area: CMAArea) {
    let clear = area.bitmap.clearRuns()
    let longest = UInt64(clear.map { $0.end - $0.start }.max() ?? 0) << UInt64(area.orderPerBit)
    maxChunk = longest
    runs = clear.count
    let free = area.availableCount
    fragmentationPercent = free > 0 ? Int((free - min(longest, free)) * 100 / free) : 0
  }
}
