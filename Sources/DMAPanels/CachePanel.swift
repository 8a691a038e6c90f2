import TermCanvas

/// Lists the data cache's valid lines: slot, state, line address, LRU age and data, with the
/// lines touched by the last step marked.
public struct CachePanel: Widget {
  /// How to draw.
  public var look: PanelLook
  /// What to draw.
  public var model: CachePanelModel

  /// Creates the panel.
  public init(look: PanelLook, model: CachePanelModel) {
    self.look = look
    self.model = model
  }

  /// Draws the panel's content (no border) into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard area.width > 0, area.height > 0 else { return }
    let rowsModel = model.rows
    let dirty = rowsModel.filter { $0.state == .dirty }.count
    var lines: [Line] = [
      Line([
        look.span("\(rowsModel.count)/\(model.sets * model.ways) valid ", .normal),
        look.span("\(dirty) dirty", dirty > 0 ? .cacheDirty : .dim),
        look.span(
          "  \(model.sets)x\(model.ways) \(model.lineSize)B " + (model.writeBack ? "WB" : "WT"),
          .dim),
      ]),
      Line("set.w st line     age last     data", style: look.style(.title)),
    ]
    let dataWidth = max(0, min(model.lineSize, area.width - 30))
    // Below the list: the last step's invalidations and evictions, and the detail pane of a
    // line when the panel is tall enough to keep at least four rows of the list.
    var footer: [Line] = []
    if let note = lastStepNote() { footer.append(note) }
    if let detail = model.detail, rowsModel.indices.contains(detail),
      area.height - lines.count - footer.count - Self.detailHeight(lineSize: model.lineSize) >= 4
    {
      footer += detailLines(rowsModel[detail], width: area.width)
    }
    let rows = max(0, area.height - lines.count - footer.count)
    // Keep the selected row visible: scroll the list so it falls inside the shown rows.
    let capacity = rowsModel.count > rows ? max(1, rows - 1) : rows
    let first = max(0, min((model.selected ?? 0) - capacity + 1, rowsModel.count - capacity))
    let shown = Array(rowsModel.dropFirst(first).prefix(capacity))
    for (offset, slot) in shown.enumerated() {
      var line = row(slot, dataWidth: dataWidth)
      if model.selected == first + offset {
        line = Line(line.spans.map { Span($0.text, style: look.style(.selection)) })
      }
      lines.append(line)
    }
    if shown.count < rowsModel.count {
      lines.append(
        Line(
          "\(look.glyphs.ellipsis) \(rowsModel.count - shown.count) more lines",
          style: look.style(.dim)))
    }
    if rowsModel.isEmpty, rows > 0 {
      lines.append(Line("every line is invalid", style: look.style(.dim)))
    }
    for (index, line) in lines.prefix(area.height).enumerated() {
      buffer.setLine(
        line, x: area.x, y: area.y + index, maxWidth: area.width, ellipsis: look.glyphs.ellipsis)
    }
    let footerTop = area.maxY - footer.count
    for (index, line) in footer.enumerated() where footerTop + index >= area.y {
      buffer.setLine(
        line, x: area.x, y: footerTop + index, maxWidth: area.width,
        ellipsis: look.glyphs.ellipsis)
    }
  }

  /// A slot as `0A.1 ` (set in two hex digits, way).
  static func slotText(set: Int, way: Int) -> String {
    Format.hex(UInt64(max(0, set)), digits: 2).uppercased() + ".\(way) "
  }

  /// The line's last state change, as `D→C@6` (was dirty, cleaned at step 6).
  private func change(_ row: CachePanelModel.Row) -> String {
    "\(row.previousState.letter)\(look.glyphs.arrowRight)\(row.state.letter)@\(row.changedAtStep)"
  }

  private func row(_ row: CachePanelModel.Row, dataWidth: Int) -> Line {
    let stateRole: Role = row.state == .dirty ? .cacheDirty : .cacheClean
    var data = String(row.data.prefix(dataWidth).map { Format.glyph($0, look.glyphs) })
    // A line wider than the column says so in its last byte's place.
    if row.data.count > dataWidth, dataWidth > 0 {
      data = String(data.dropLast()) + String(look.glyphs.ellipsis)
    }
    let spans = [
      look.span(Self.slotText(set: row.set, way: row.way), row.touched ? .cacheTouched : .dim),
      look.span(row.state == .dirty ? "D " : "C ", stateRole),
      look.span(Format.address(row.address), row.coversBuffer ? .highlight : .addressPhysical),
      look.span(" ", .normal),
      look.span(" \(row.age)  ", .dim),
      look.span(Format.fit(change(row), 8, ellipsis: look.glyphs.ellipsis) + " ", .dim),
      look.span(data, row.touched ? .cacheTouched : .normal),
    ]
    return Line(spans)
  }
}
