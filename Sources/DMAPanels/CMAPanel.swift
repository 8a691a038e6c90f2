import TermCanvas

/// The CMA areas as bitmap strips drawn to scale (free, lent to movable pages, allocated,
/// pinned), zoomable down to one page per cell, with allocations labelled by owner, the used
/// count, debugfs `maxchunk` and fragmentation.
public struct CMAPanel: Widget {
  /// How to draw.
  public var look: PanelLook
  /// What to draw.
  public var model: CMAPanelModel

  /// Creates the panel.
  public init(look: PanelLook, model: CMAPanelModel) {
    self.look = look
    self.model = model
  }

  /// The zoom level.
  var zoom: Int { model.zoom }
  /// The page under the cursor.
  var cursorPage: UInt64? { model.cursorPage }

  /// The strip geometry for an inner area: rows of cells and cells per row, leaving room for
  /// the header, the legend, the owners and the pools.
  public static func stripShape(width: Int, height: Int, cmaOwners: Int, poolRows: Int) -> (
    rows: Int, columns: Int
  ) {
    let text = 3 + min(cmaOwners, 3) + max(poolRows, 1)
    return (max(1, min(24, height - text)), max(1, width - 7))
  }

  /// The strip shown for an area at a zoom level around a cursor page.
  public static func strip(
    _ area: CMAPanelModel.Area, zoom: Int, cursorPage: UInt64?, capacity: Int
  ) -> CMAStrip {
    let fit = CMAStrip.fittingPagesPerCell(pages: area.count, capacity: capacity)
    let per = max(1, fit >> UInt64(min(max(zoom, 0), 63)))
    var first: UInt64 = 0
    if per < fit, let cursor = cursorPage {
      let half = UInt64(max(capacity, 0) / 2) * per
      first = cursor > half ? (cursor - half) / per * per : 0
      let span = UInt64(max(capacity, 0)) * per
      if first + span > area.count, area.count > span {
        first = (area.count - span + per - 1) / per * per
      }
    }
    return CMAStrip(area: area, firstPage: first, pagesPerCell: per, capacity: capacity)
  }

  /// Draws the panel's content (no border) into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard area.width > 0, area.height > 0 else { return }
    let lines = content(width: area.width, height: area.height)
    for (row, line) in lines.prefix(area.height).enumerated() {
      buffer.setLine(
        line, x: area.x, y: area.y + row, maxWidth: area.width, ellipsis: look.glyphs.ellipsis)
    }
  }

  func content(width: Int, height: Int) -> [Line] {
    guard let cma = model.area else {
      return [Line("no CMA area on this board", style: look.style(.dim))]
        + poolLines(width: width)
    }
    let end = cma.base + cma.size - 1
    var lines: [Line] = [
      Line([
        look.span(cma.name, .highlight),
        look.span(" " + Format.address(cma.base), .addressPhysical),
        look.span("-" + Format.address(end), .addressPhysical),
        look.span(" \(Format.size(cma.size)), \(cma.count) pages", .normal),
      ]),
      Line([
        look.span("used \(cma.used)", cma.used > 0 ? .cacheDirty : .normal),
        look.span(
          "  maxchunk \(cma.maxChunk)  free runs \(cma.freeRuns)  frag "
            + "\(cma.fragmentationPercent)%  lent \(cma.lent.count) pinned \(cma.pinned.count)",
          .dim),
      ]),
    ]
    let shape = Self.stripShape(
      width: width, height: height, cmaOwners: model.cmaOwners, poolRows: model.reservedPoolRows)
    let strip = Self.strip(
      cma, zoom: zoom, cursorPage: cursorPage, capacity: shape.rows * shape.columns)
    lines += stripLines(strip, columns: shape.columns)
    lines.append(legend(strip))
    for owner in strip.owners {
      let pages = owner.reservedSize / 4096 + (owner.reservedSize % 4096 == 0 ? 0 : 1)
      lines.append(
        Line([
          look.span(Format.fit(owner.name, 8), .highlight),
          look.span(" pfn \(Format.prefixed(owner.pfn)) ", .addressPhysical),
          look.span("\(pages) page\(pages == 1 ? "" : "s") \(owner.allocator)", .dim),
        ]))
    }
    for other in model.otherAreas {
      lines.append(
        Line(
          "\(other.name): \(other.used)/\(other.count) used, maxchunk \(other.maxChunk)",
          style: look.style(.dim)))
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
      var spans = [look.span(Format.fit("+" + Self.shortSize(offset), 7), .dim)]
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
          spans.append(look.span(String(character), role))
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
      spans.append(look.span(String(glyph(state)), role(state)))
      spans.append(look.span(" \(Self.name(state))  ", .dim))
    }
    let scale =
      strip.pagesPerCell == 1 ? "1 page/cell" : "\(strip.pagesPerCell) pages/cell"
    spans.append(look.span(scale + (zoom > 0 ? " zoom \(zoom)" : ""), .normal))
    return Line(spans)
  }

  func glyph(_ state: CMAStrip.State) -> Character { Self.glyph(state, glyphs: look.glyphs) }

  /// A strip cell's glyph for its state (the strip and the `?` legend draw with it).
  static func glyph(_ state: CMAStrip.State, glyphs: Glyphs) -> Character {
    switch state {
    case .free: glyphs.shadeLight
    case .movable: glyphs.shadeMedium
    case .allocated: glyphs.fullBlock
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
