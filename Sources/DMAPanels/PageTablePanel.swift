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
    guard let walk = PageWalk(buffer.virtualAddress, in: table) else {
      return [
        Line([
          context.span(buffer.name, .highlight),
          context.span(" \(buffer.virtualAddress.hex): translation fault", .error),
        ])
      ]
    }
    var lines: [Line] = [
      Line([
        context.span(buffer.name, .highlight), context.span(" ", .normal),
        context.span(buffer.virtualAddress.hex, .addressVirtual),
        context.span(" \(context.glyphs.arrowRight) ", .dim),
        context.span(Format.address(walk.outputAddress.rawValue), .addressPhysical),
      ]),
      walkLine(walk),
      descriptorLine(walk),
    ]
    let aliases = PageAlias.aliases(
      of: buffer.physical, size: buffer.reservedSize, excluding: walk.mapping, in: table)
    let aliasLines = aliases.map(aliasLine)
    let entries = rangeEntries(buffer, walk: walk)
    lines.append(
      Line(
        "range: \(entries.count) entr\(entries.count == 1 ? "y" : "ies") of "
          + "\(Format.size(walk.entrySize)) in \(walk.mapping.name)", style: context.style(.title)))
    let room = max(1, height - lines.count - aliasLines.count - 1)
    let shown = entries.count > room ? max(1, room - 1) : entries.count
    for base in entries.prefix(shown) { lines.append(entryLine(base, walk.mapping)) }
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
    return lines
  }

  private func walkLine(_ walk: PageWalk) -> Line {
    var spans = [context.span("walk ", .dim)]
    for (index, level) in walk.levels.enumerated() {
      if index > 0 { spans.append(context.span(" \(context.glyphs.arrowRight) ", .dim)) }
      let role: Role = level.kind == "table" ? .normal : .highlight
      spans.append(context.span("L\(level.level)[\(level.index)] \(level.kind)", role))
    }
    return Line(spans)
  }

  private func descriptorLine(_ walk: PageWalk) -> Line {
    let last = walk.levels.last?.kind ?? "page"
    let type = walk.mapping.memoryType
    return Line([
      context.span("\(last) \(Format.size(walk.entrySize)) ", .normal),
      context.span(type.kernelName, type.isCacheable ? .cacheClean : .warning),
      context.span(" MAIR \(type.mairEncoding) \(walk.mapping.permissions) AF", .dim),
    ])
  }

  /// The virtual bases of the entries that cover the buffer's bytes.
  private func rangeEntries(_ buffer: Allocation, walk: PageWalk) -> [VirtAddr] {
    let granule = walk.entrySize
    let first = walk.entryBase.rawValue
    let end = buffer.virtualAddress.rawValue + max(buffer.reservedSize, 1)
    let count = (end - first + granule - 1) / granule
    return (0..<min(count, 4096)).map { VirtAddr(first + $0 * granule) }
  }

  private func entryLine(_ base: VirtAddr, _ mapping: KernelMapping) -> Line {
    let physical = mapping.physicalBase.rawValue + (base.rawValue - mapping.virtualBase.rawValue)
    return Line([
      context.span(" " + base.hex, .addressVirtual),
      context.span(" " + Format.address(physical), .addressPhysical),
      context.span(" " + Format.fit(Format.size(mapping.granule), 6), .normal),
      context.span(Format.fit(mapping.memoryType.shortName, 4), .normal),
      context.span(mapping.writable ? "RW XN" : "RO XN", .dim),
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
