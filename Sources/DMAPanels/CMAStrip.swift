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
  public var owners: [CMAPanelModel.Owner]

  /// Pages per cell that fit `pages` pages into `capacity` cells (zoom level 0).
  public static func fittingPagesPerCell(pages: UInt64, capacity: Int) -> UInt64 {
    let cells = UInt64(max(capacity, 1))
    return max(1, pages / cells + (pages % cells == 0 ? 0 : 1))
  }

  /// Builds the strip for `area`: `capacity` cells from page `firstPage`, `pagesPerCell` each.
  public init(area: CMAPanelModel.Area, firstPage: UInt64, pagesPerCell: UInt64, capacity: Int) {
    self.firstPage = firstPage
    self.pagesPerCell = max(1, pagesPerCell)
    owners = area.owners
    let per = self.pagesPerCell
    let available = firstPage < area.count ? (area.count - firstPage + per - 1) / per : 0
    let count = Int(min(UInt64(max(capacity, 0)), available))
    var cells = [Cell](repeating: Cell(state: .free, owner: nil), count: count)
    // Cells ascend, so one cursor walks the ascending allocated ranges.
    var run = 0
    for index in 0..<count {
      let start = firstPage + UInt64(index) * per
      let end = min(start + per, area.count)
      while run < area.allocated.count, area.allocated[run].upperBound <= start { run += 1 }
      if run < area.allocated.count, area.allocated[run].lowerBound < end {
        cells[index].state = .allocated
      }
    }
    func mark(_ pages: [UInt64], _ state: State) {
      for page in pages where page >= firstPage {
        let index = (page - firstPage) / per
        if index < UInt64(count), cells[Int(index)].state < state {
          cells[Int(index)].state = state
        }
      }
    }
    mark(area.lent, .movable)
    mark(area.pinned, .pinned)
    for (ownerIndex, owner) in owners.enumerated() where owner.pfn >= area.basePFN {
      let pages = max(1, owner.reservedSize / 4096 + (owner.reservedSize % 4096 == 0 ? 0 : 1))
      let startPage = owner.pfn - area.basePFN
      let endPage = startPage + pages
      guard endPage > firstPage else { continue }
      let from =
        startPage > firstPage ? Int(min((startPage - firstPage) / per, UInt64(Int.max))) : 0
      let to = Int(min((endPage - 1 - firstPage) / per, UInt64(max(count - 1, 0))))
      guard from < count, from <= to else { continue }
      for index in from...to where cells[index].owner == nil { cells[index].owner = ownerIndex }
    }
    self.cells = cells
  }
}
