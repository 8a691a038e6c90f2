import DMASim
import TermCanvas

/// The CMA areas as bitmap strips drawn to scale (free, lent to movable pages, allocated,
/// pinned), zoomable down to one page per cell, with allocations labelled by owner, the used
/// count, debugfs `maxchunk` and fragmentation.
public struct CMAPanel: Widget {
  /// What to draw and how.
  public var context: PanelContext
  /// The area shown as a strip (index into `machine.cmaAreas`).
  public var areaIndex: Int
  /// Zoom level: each level halves the pages per cell, down to one page.
  public var zoom: Int
  /// The page (offset in the area) under the cursor; its cell is highlighted.
  public var cursorPage: UInt64?

  /// Creates the panel.
  public init(context: PanelContext, areaIndex: Int = 0, zoom: Int = 0, cursorPage: UInt64? = nil) {
    self.context = context
    self.areaIndex = areaIndex
    self.zoom = zoom
    self.cursorPage = cursorPage
  }

  /// The strip geometry for an inner area: rows of cells and cells per row, leaving room for
  /// the header, the legend, the owners and the pools.
  public static func stripShape(width: Int, height: Int, machine: Machine) -> (
    rows: Int, columns: Int
  ) {
    let owners = machine.allocations.filter { $0.cmaArea != nil }.count
    let pools =
      2 * machine.coherentPools.count + 2 * machine.dmaPools.filter { !$0.destroyed }.count
      + (machine.swiotlb == nil ? 0 : 2)
    let text = 3 + min(owners, 3) + max(pools, 1)
    return (max(1, min(24, height - text)), max(1, width - 7))
  }

  /// The strip shown for an area at a zoom level around a cursor page.
  public static func strip(
    _ area: CMAArea, allocations: [Allocation], zoom: Int, cursorPage: UInt64?, capacity: Int
  ) -> CMAStrip {
    let fit = CMAStrip.fittingPagesPerCell(area, capacity: capacity)
    let per = max(1, fit >> UInt64(min(max(zoom, 0), 63)))
    var first: UInt64 = 0
    if per < fit, let cursor = cursorPage {
      let half = UInt64(capacity / 2) * per
      first = cursor > half ? (cursor - half) / per * per : 0
      let span = UInt64(capacity) * per
      if first + span > area.count, area.count > span {
        first = (area.count - span + per - 1) / per * per
      }
    }
    return CMAStrip(
      area: area, allocations: allocations, firstPage: first, pagesPerCell: per,
      capacity: capacity)
  }

  /// Draws the panel's content (no border) into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    let lines = content(width: area.width, height: area.height)
    for (row, line) in lines.prefix(area.height).enumerated() {
      buffer.setLine(line, x: area.x, y: area.y + row, maxWidth: area.width)
    }
  }

  func content(width: Int, height: Int) -> [Line] {
    let machine = context.machine
    guard machine.cmaAreas.indices.contains(areaIndex) else {
      return [Line("no CMA area on this board", style: context.style(.dim))]
        + poolLines(width: width)
    }
    let cma = machine.cmaAreas[areaIndex]
    let end = cma.base + cma.size - 1
    let free = CMAFreeSpace(cma)
    var lines: [Line] = [
      Line([
        context.span(cma.name, .highlight),
        context.span(" " + Format.address(cma.base), .addressPhysical),
        context.span("-" + Format.address(end), .addressPhysical),
        context.span(" \(Format.size(cma.size)), \(cma.count) pages", .normal),
      ]),
      Line([
        context.span("used \(cma.used)", cma.used > 0 ? .cacheDirty : .normal),
        context.span(
          "  maxchunk \(free.maxChunk)  free runs \(free.runs)  frag "
            + "\(free.fragmentationPercent)%  lent \(cma.borrowed.count) pinned \(cma.pinned.count)",
          .dim),
      ]),
    ]
    let shape = Self.stripShape(width: width, height: height, machine: machine)
    let strip = Self.strip(
      cma, allocations: machine.allocations, zoom: zoom, cursorPage: cursorPage,
      capacity: shape.rows * shape.columns)
    lines += stripLines(strip, columns: shape.columns)
    lines.append(legend(strip))
    for owner in strip.owners {
      let pages = (owner.reservedSize + 4095) / 4096
      lines.append(
        Line([
          context.span(Format.fit(owner.name, 8), .highlight),
          context.span(" pfn \(Hex.prefixed(owner.physical.pfn)) ", .addressPhysical),
          context.span("\(pages) page\(pages == 1 ? "" : "s") \(owner.allocator)", .dim),
        ]))
    }
    for (index, other) in machine.cmaAreas.enumerated() where index != areaIndex {
      lines.append(
        Line(
          "\(other.name): \(other.used)/\(other.count) used, maxchunk \(other.maxChunk)",
          style: context.style(.dim)))
    }
    return lines + poolLines(width: width)
  }

  private func stripLines(_ strip: CMAStrip, columns: Int) -> [Line] {
    var lines: [Line] = []
    let cursorCell = cursorPage.flatMap { page -> Int? in
      guard page >= strip.firstPage else { return nil }
      return Int((page - strip.firstPage) / strip.pagesPerCell)
    }
    var index = 0
    while index < strip.cells.count {
      let rowEnd = min(index + columns, strip.cells.count)
      let offset = (strip.firstPage + UInt64(index) * strip.pagesPerCell) << 12
      var spans = [context.span(Format.fit("+" + Self.shortSize(offset), 7), .dim)]
      var column = index
      while column < rowEnd {
        let cell = strip.cells[column]
        // A run of cells owned by one allocation carries the owner's name.
        var run = column
        while run < rowEnd, strip.cells[run].owner == cell.owner,
          strip.cells[run].state == cell.state
        {
          run += 1
        }
        let text: [Character]
        if let owner = cell.owner, cell.state == .allocated, run - column >= 3 {
          let name = Array(strip.owners[owner].name)
          text = (0..<(run - column)).map { $0 < name.count ? name[$0] : glyph(.allocated) }
        } else {
          text = Array(repeating: glyph(cell.state), count: run - column)
        }
        for (offsetInRun, character) in text.enumerated() {
          let at = column + offsetInRun
          let role = at == cursorCell ? Role.selection : role(cell.state)
          spans.append(context.span(String(character), role))
        }
        column = run
      }
      lines.append(Line(spans))
      index = rowEnd
    }
    return lines
  }

  private func legend(_ strip: CMAStrip) -> Line {
    let glyphs = [CMAStrip.State.allocated, .movable, .pinned, .free]
    var spans: [Span] = []
    for state in glyphs {
      spans.append(context.span(String(glyph(state)), role(state)))
      spans.append(context.span(" \(Self.name(state))  ", .dim))
    }
    let scale =
      strip.pagesPerCell == 1 ? "1 page/cell" : "\(strip.pagesPerCell) pages/cell"
    spans.append(context.span(scale + (zoom > 0 ? " zoom \(zoom)" : ""), .normal))
    return Line(spans)
  }

  func glyph(_ state: CMAStrip.State) -> Character {
    switch state {
    case .free: context.glyphs.shadeLight
    case .movable: context.glyphs.shadeMedium
    case .allocated: context.glyphs.fullBlock
    case .pinned: "P"
    }
  }

  func role(_ state: CMAStrip.State) -> Role {
    switch state {
    case .free: .progressTodo
    case .movable: .queueSubmitted
    case .allocated: .cacheDirty
    case .pinned: .violation
    }
  }

  static func name(_ state: CMAStrip.State) -> String {
    switch state {
    case .free: "free"
    case .movable: "movable"
    case .allocated: "alloc"
    case .pinned: "pinned"
    }
  }

  /// A byte offset as `0`, `64K`, `131M`, `1G` (whole units, rounded down).
  static func shortSize(_ bytes: UInt64) -> String {
    if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30)G" }
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 || bytes >= 10 << 20 { return "\(bytes >> 20)M" }
    if bytes >= 1 << 10 { return "\(bytes >> 10)K" }
    return "\(bytes)"
  }
}
