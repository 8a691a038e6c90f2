import DMASim
import TermCanvas

extension AddressSpacePanel {
  /// The buffer's IOVA for the narrow layout: `iova ADDRESS DEVICE via IOMMU`.
  func iovaLine(_ iova: IOVAColumn) -> Line {
    guard let address = iova.bufferIOVA else {
      return Line([
        context.span("bus ", .dim),
        context.span("no IOVA in \(iova.device)'s domain (\(iova.iommu))", .dim),
      ])
    }
    return Line([
      context.span("bus ", .dim), context.span(Format.address(address), .addressBus),
      context.span(" IOVA \(iova.device) via \(iova.iommu)", .dim),
    ])
  }

  /// The IO page table's answer for the range holding the buffer's IOVA: one line per mapped
  /// IOVA page with the physical page it maps, the permission, whether the IOTLB holds it and
  /// the buffers in that physical page. Pages that map the selected buffer are marked.
  func iovaPageLines(_ iova: IOVAColumn, limit: Int, width: Int) -> [Line] {
    let pages = iova.pages
    guard !pages.isEmpty else {
      return [
        Line(
          "IOVA pages: none mapped in \(iova.device)'s domain now", style: context.style(.dim))
      ]
    }
    let rows = max(1, limit)
    // Show the window that starts at the first page mapping the buffer when not all fit.
    let firstMark = pages.firstIndex { iova.mapsBuffer($0) } ?? 0
    let start = pages.count <= rows ? 0 : min(firstMark, pages.count - rows)
    let shown = pages[start..<min(pages.count, start + rows)]
    let arrow = context.glyphs.arrowRight
    var lines: [Line] = []
    for page in shown {
      let marked = iova.mapsBuffer(page)
      let owners = context.machine.allocators.allocations.filter {
        $0.physical.rawValue < page.physical.rawValue + 0x1000
          && page.physical.rawValue < $0.physical.rawValue + max($0.size, 1)
      }.map(\.name)
      var spans = [
        context.span(marked ? String(context.glyphs.bullet) : " ", .highlight),
        context.span("IOVA ", .dim),
        context.span(Format.address(page.iova), .addressBus),
        context.span(" \(arrow) PA ", .dim),
        context.span(Format.address(page.physical.rawValue), .addressPhysical),
        context.span(page.writable ? " RW" : " RO", .normal),
        context.span(page.inIOTLB ? " IOTLB" : "      ", page.inIOTLB ? .cacheClean : .dim),
      ]
      if !owners.isEmpty {
        spans.append(context.span(" " + owners.joined(separator: ","), marked ? .highlight : .dim))
      }
      lines.append(Line(spans))
    }
    let hidden = pages.count - shown.count
    if hidden > 0, let last = lines.indices.last, width > 0 {
      lines[last].spans.append(context.span("  +\(hidden) more", .dim))
    }
    return lines
  }
}
