import DMASim
import TermCanvas

/// Lists the data cache's valid lines: slot, state, line address, LRU age and data, with the
/// lines touched by the last step marked.
public struct CachePanel: Widget {
  /// What to draw and how.
  public var context: PanelContext
  /// The selected row among the valid lines, if the panel shows a selection.
  public var selected: Int?
  /// The row among the valid lines whose bytes the detail pane shows when there is room
  /// (nil: no detail pane).
  public var detail: Int?

  /// The selected buffer's physical bytes: lines covering them show their address marked.
  public var buffer: Range<UInt64>?
  /// More physical ranges of the selected buffer, when its pages are scattered (the pieces of
  /// an `iommu_dma_alloc_remap` buffer); marked like `buffer`.
  public var bufferPieces: [Range<UInt64>]

  /// Creates the panel.
  public init(
    context: PanelContext, selected: Int? = nil, detail: Int? = nil, buffer: Range<UInt64>? = nil,
    bufferPieces: [Range<UInt64>] = []
  ) {
    self.context = context
    self.selected = selected
    self.detail = detail
    self.buffer = buffer
    self.bufferPieces = bufferPieces
  }

  /// Every valid line's slot, in set and way order (the panel's rows).
  public static func validSlots(in cache: DataCache) -> [CacheSlot] {
    var slots: [CacheSlot] = []
    for set in 0..<cache.geometry.sets {
      for way in 0..<cache.geometry.ways where cache.line(CacheSlot(set: set, way: way)).isValid {
        slots.append(CacheSlot(set: set, way: way))
      }
    }
    return slots
  }

  /// Draws the panel's content (no border) into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    let cache = context.machine.cache
    let geometry = cache.geometry
    let slots = Self.validSlots(in: cache)
    let dirty = slots.filter { cache.line($0).state == .dirty }.count
    var lines: [Line] = [
      Line([
        context.span("\(slots.count)/\(geometry.sets * geometry.ways) valid ", .normal),
        context.span("\(dirty) dirty", dirty > 0 ? .cacheDirty : .dim),
        context.span(
          "  \(geometry.sets)x\(geometry.ways) \(geometry.lineSize)B "
            + (geometry.writePolicy == .writeBack ? "WB" : "WT"), .dim),
      ]),
      Line("set.w st line     age last    data", style: context.style(.title)),
    ]
    let touched = Set(context.machine.lastTouch.cacheSlots)
    let dataWidth = max(0, min(geometry.lineSize, area.width - 29))
    // Below the list: the last step's invalidations and evictions, and the detail pane of a
    // line when the panel is tall enough to keep at least four rows of the list.
    var footer: [Line] = []
    if let note = lastStepNote() { footer.append(note) }
    if let detail, slots.indices.contains(detail),
      area.height - lines.count - footer.count - Self.detailHeight(geometry) >= 4
    {
      footer += detailLines(slots[detail], width: area.width)
    }
    let rows = max(0, area.height - lines.count - footer.count)
    // Keep the selected row visible: scroll the list so it falls inside the shown rows.
    let capacity = slots.count > rows ? max(1, rows - 1) : rows
    let first = max(0, min((selected ?? 0) - capacity + 1, slots.count - capacity))
    let shown = Array(slots.dropFirst(first).prefix(capacity))
    for (offset, slot) in shown.enumerated() {
      var line = row(slot, cache: cache, touched: touched.contains(slot), dataWidth: dataWidth)
      if selected == first + offset {
        line = Line(line.spans.map { Span($0.text, style: context.style(.selection)) })
      }
      lines.append(line)
    }
    if shown.count < slots.count {
      lines.append(
        Line(
          "\(context.glyphs.ellipsis) \(slots.count - shown.count) more lines",
          style: context.style(.dim)))
    }
    if slots.isEmpty, rows > 0 {
      lines.append(Line("every line is invalid", style: context.style(.dim)))
    }
    for (index, line) in lines.prefix(area.height).enumerated() {
      buffer.setLine(line, x: area.x, y: area.y + index, maxWidth: area.width)
    }
    let footerTop = area.maxY - footer.count
    for (index, line) in footer.enumerated() where footerTop + index >= area.y {
      buffer.setLine(line, x: area.x, y: footerTop + index, maxWidth: area.width)
    }
  }

  /// The line's last state change, as `D→C@6` (was dirty, cleaned at step 6).
  private func change(_ line: CacheLine) -> String {
    func letter(_ state: CacheLine.State) -> String {
      switch state {
      case .invalid: "I"
      case .clean: "C"
      case .dirty: "D"
      }
    }
    return
      "\(letter(line.previousState))\(context.glyphs.arrowRight)\(letter(line.state))@\(line.changedAtStep)"
  }

  private func row(_ slot: CacheSlot, cache: DataCache, touched: Bool, dataWidth: Int) -> Line {
    let line = cache.line(slot)
    let address = cache.lineAddress(of: slot)
    let stateRole: Role = line.state == .dirty ? .cacheDirty : .cacheClean
    let data = String(line.data.prefix(dataWidth).map(ByteText.glyph))
    let slotText = Hex.format(UInt64(slot.set), digits: 2).uppercased() + ".\(slot.way) "
    let spans = [
      context.span(slotText, touched ? .cacheTouched : .dim),
      context.span(line.state == .dirty ? "D " : "C ", stateRole),
      context.span(
        Format.address(address.rawValue), coversBuffer(address) ? .highlight : .addressPhysical),
      context.span(" ", .normal),
      context.span(" \(cache.age(of: slot))  ", .dim),
      context.span(Format.fit(change(line), 8), .dim),
      context.span(data, touched ? .cacheTouched : .normal),
    ]
    return Line(spans)
  }

  /// Whether a line holds bytes of the selected buffer.
  private func coversBuffer(_ line: PhysAddr) -> Bool {
    let size = UInt64(context.machine.cache.geometry.lineSize)
    return ([buffer].compactMap { $0 } + bufferPieces).contains {
      line.rawValue < $0.upperBound && $0.lowerBound < line.rawValue + size
    }
  }
}
