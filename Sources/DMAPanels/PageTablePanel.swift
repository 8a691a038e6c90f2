import TermCanvas

/// The kernel page tables for the selected buffer: the walk of its first byte (levels, table
/// indices, the block or page descriptor, output address, memory type, permissions), the
/// entries covering its range, and every other mapping of the same physical pages, with
/// aliases whose memory type differs flagged.
public struct PageTablePanel: Widget {
  /// How to draw.
  public var look: PanelLook
  /// What to draw.
  public var model: PageTablePanelModel

  /// Creates the panel.
  public init(look: PanelLook, model: PageTablePanelModel) {
    self.look = look
    self.model = model
  }

  /// Draws the panel's content (no border) into `area`.
  public func render(in area: Rect, buffer target: inout Buffer) {
    guard area.width > 0, area.height > 0 else { return }
    let lines = content(width: area.width, height: area.height)
    for (row, line) in lines.prefix(area.height).enumerated() {
      target.setLine(
        line, x: area.x, y: area.y + row, maxWidth: area.width, ellipsis: look.glyphs.ellipsis)
    }
  }

  /// The panel's lines for an area of `width` x `height`.
  func content(width: Int, height: Int) -> [Line] {
    let walk: PageTablePanelModel.Mapped
    switch model.walk {
    case .noBuffer: return [Line("no live buffer to walk", style: look.style(.dim))]
    case .fault(let name, let virtual, let level):
      return [
        Line([
          look.span(name, .highlight),
          look.span(
            " \(Format.hex(virtual, digits: 16)): translation fault at level \(level)", .error),
        ])
      ]
    case .mapped(let mapped): walk = mapped
    }
    var lines: [Line] = [
      Line([
        look.span(walk.name, .highlight), look.span(" ", .normal),
        look.span(Format.hex(walk.virtual, digits: 16), .addressVirtual),
        look.span(" \(look.glyphs.arrowRight) ", .dim),
        look.span(Format.address(walk.physical), .addressPhysical),
        look.span("  TTBR1 \(Format.address(walk.rootTable))", .dim),
      ])
    ]
    lines += walk.steps.map(stepLine)
    lines.append(descriptorLine(walk.leaf))
    let aliasLines = walk.aliases.map(aliasLine)
    let entries = walk.entries
    lines.append(
      Line(
        "range: \(entries.count) entr\(entries.count == 1 ? "y" : "ies") of "
          + "\(Format.size(walk.leaf.size)) in \(walk.leaf.mappingName)",
        style: look.style(.title)))
    let room = max(1, height - lines.count - aliasLines.count - 1)
    let shown = entries.count > room ? max(1, room - 1) : entries.count
    for entry in entries.prefix(shown) { lines.append(entryLine(entry)) }
    if shown < entries.count {
      lines.append(
        Line(
          "\(look.glyphs.ellipsis) \(entries.count - shown) more entries",
          style: look.style(.dim)))
    }
    if aliasLines.isEmpty {
      lines.append(Line("no other mapping of these pages", style: look.style(.dim)))
    } else {
      lines.append(Line("aliases (same PA, another VA):", style: look.style(.title)))
      lines += aliasLines
    }
    return lines + ioPageTableLines(walk.io, room: height - lines.count)
  }

  /// One level of the walk: the table, the index, the descriptor and what it is.
  private func stepLine(_ step: PageTablePanelModel.Step) -> Line {
    let kind: String
    switch step.kind {
    case .invalid: kind = "invalid"
    case .table: kind = "table"
    case .block: kind = "block"
    case .page: kind = "page"
    }
    return Line([
      look.span("L\(step.level) \(step.levelName)[\(step.index)] ", .normal),
      look.span(Format.hex(step.descriptor, digits: 16), .dim),
      look.span(" \(kind)", step.kind == .table ? .normal : .highlight),
    ])
  }

  private func descriptorLine(_ leaf: PageTablePanelModel.Leaf) -> Line {
    Line([
      look.span("\(leaf.isBlock ? "block" : "page") \(Format.size(leaf.size)) ", .normal),
      look.span(leaf.memoryType, leaf.cacheable ? .cacheClean : .warning),
      look.span(
        " AttrIndx \(leaf.attrIndx) MAIR \(Format.prefixed(leaf.mair)) " + leaf.attributes, .dim),
    ])
  }

  private func entryLine(_ entry: PageTablePanelModel.Entry) -> Line {
    Line([
      look.span(" " + Format.hex(entry.virtual, digits: 16), .addressVirtual),
      look.span(" " + Format.address(entry.physical), .addressPhysical),
      look.span(" " + Format.fit(Format.size(entry.size), 6), .normal),
      look.span(Format.fit(entry.memoryType, 4), .normal),
      look.span(entry.writable ? "RW XN" : "RO XN", .dim),
    ])
  }

  private func aliasLine(_ alias: PageTablePanelModel.Alias) -> Line {
    let mark: Span =
      alias.mismatched
      ? look.span("! ", .violation) : look.span("  ", .normal)
    var spans = [
      mark, look.span(Format.hex(alias.virtual, digits: 16), .addressVirtual),
      look.span(" \(alias.mappingName) \(alias.memoryType)", .normal),
    ]
    if alias.mismatched {
      spans.append(look.span(" mismatched attributes", .warning))
    }
    return Line(spans)
  }
}
