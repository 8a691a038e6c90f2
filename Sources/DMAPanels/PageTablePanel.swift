import DMASim
import TermCanvas

/// The kernel page tables for the selected buffer: the walk of its first byte (levels, table
/// indices, the block or page descriptor, output address, memory type, permissions), the
/// entries covering its range, and every other mapping of the same physical pages, with
/// aliases whose memory type differs flagged.
public struct PageTablePanel: Widget {
  /// What to draw and how.
  public var context: PanelContext
  /// The buffer to walk (nil: the panel says there is none).
  public var buffer: Allocation?

  /// Creates the panel.
  public init(context: PanelContext, buffer: Allocation?) {
    self.context = context
    self.buffer = buffer
  }

  /// Draws the panel's content (no border) into `area`.
  public func render(in area: Rect, buffer target: inout Buffer) {
    let lines = content(width: area.width, height: area.height)
    for (row, line) in lines.prefix(area.height).enumerated() {
      target.setLine(line, x: area.x, y: area.y + row, maxWidth: area.width)
    }
  }

  /// The panel's lines for an area of `width` x `height`.
  func content(width: Int, height: Int) -> [Line] {
    guard let buffer else { return [Line("no live buffer to walk", style: context.style(.dim))] }
    let table = context.machine.pageTable
    let walk = table.walk(buffer.virtualAddress)
    guard let leaf = walk.leaf, let output = walk.physical,
      let own = table.translate(buffer.virtualAddress)?.mapping
    else {
      return [
        Line([
          context.span(buffer.name, .highlight),
          context.span(
            " \(buffer.virtualAddress.hex): translation fault at level \(walk.faultLevel ?? 0)",
            .error),
        ])
      ]
    }
    var lines: [Line] = [
      Line([
        context.span(buffer.name, .highlight), context.span(" ", .normal),
        context.span(buffer.virtualAddress.hex, .addressVirtual),
        context.span(" \(context.glyphs.arrowRight) ", .dim),
        context.span(Format.address(output.rawValue), .addressPhysical),
        context.span("  TTBR1 \(Format.address(table.rootTable.rawValue))", .dim),
      ])
    ]
    lines += walk.steps.map(stepLine)
    lines.append(descriptorLine(leaf))
    let aliases = PageAlias.aliases(of: buffer, own: own, in: context.machine)
    let aliasLines = aliases.map(aliasLine)
    let entries = table.entries(
      from: leaf.virtual,
      size: buffer.virtualAddress.rawValue - leaf.virtual.rawValue
        + max(buffer.reservedSize, 1), limit: 4096)
    lines.append(
      Line(
        "range: \(entries.count) entr\(entries.count == 1 ? "y" : "ies") of "
          + "\(Format.size(leaf.size)) in \(leaf.mappingName)", style: context.style(.title)))
    let room = max(1, height - lines.count - aliasLines.count - 1)
    let shown = entries.count > room ? max(1, room - 1) : entries.count
    for entry in entries.prefix(shown) { lines.append(entryLine(entry)) }
    if shown < entries.count {
      lines.append(
        Line(
          "\(context.glyphs.ellipsis) \(entries.count - shown) more entries",
          style: context.style(.dim)))
    }
    if aliasLines.isEmpty {
      lines.append(Line("no other mapping of these pages", style: context.style(.dim)))
    } else {
      lines.append(Line("aliases (same PA, another VA):", style: context.style(.title)))
      lines += aliasLines
    }
    return lines + ioPageTableLines(buffer, room: height - lines.count)
  }

  /// One level of the walk: the table, the index, the descriptor and what it is.
  private func stepLine(_ step: PageWalkStep) -> Line {
    let kind: String
    switch step.kind {
    case .invalid: kind = "invalid"
    case .table: kind = "table"
    case .block: kind = "block"
    case .page: kind = "page"
    }
    return Line([
      context.span("L\(step.level) \(step.levelName)[\(step.index)] ", .normal),
      context.span(Hex.format(step.descriptor, digits: 16), .dim),
      context.span(" \(kind)", step.kind == .table ? .normal : .highlight),
    ])
  }

  private func descriptorLine(_ leaf: PageTableEntry) -> Line {
    let type = leaf.memoryType
    return Line([
      context.span("\(leaf.isBlock ? "block" : "page") \(Format.size(leaf.size)) ", .normal),
      context.span(type.kernelName, type.isCacheable ? .cacheClean : .warning),
      context.span(
        " AttrIndx \(type.attrIndx) MAIR \(Hex.prefixed(UInt64(type.mairEncoding))) "
          + leaf.attributes.summary.split(separator: " ").filter { !$0.hasPrefix("MT_") }
          .joined(separator: " "), .dim),
    ])
  }

  private func entryLine(_ entry: PageTableEntry) -> Line {
    Line([
      context.span(" " + entry.virtual.hex, .addressVirtual),
      context.span(" " + Format.address(entry.physical.rawValue), .addressPhysical),
      context.span(" " + Format.fit(Format.size(entry.size), 6), .normal),
      context.span(Format.fit(entry.memoryType.shortName, 4), .normal),
      context.span(entry.attributes.writable ? "RW XN" : "RO XN", .dim),
    ])
  }

  private func aliasLine(_ alias: PageAlias) -> Line {
    let mark: Span =
      alias.mismatched
      ? context.span("! ", .violation) : context.span("  ", .normal)
    var spans = [
      mark, context.span(alias.virtualAddress.hex, .addressVirtual),
      context.span(" \(alias.mapping.name) \(alias.mapping.memoryType.shortName)", .normal),
    ]
    if alias.mismatched {
      spans.append(context.span(" mismatched attributes", .warning))
    }
    return Line(spans)
  }
}
