import TermCanvas

extension CMAPanel {
  /// Per-device coherent pools, live dma_pools and the swiotlb slots, each as a header and a
  /// one-row occupancy strip scaled to the panel's width.
  func poolLines(width: Int) -> [Line] {
    var lines: [Line] = []
    let stripWidth = max(1, width - 7)
    for pool in model.pools {
      lines.append(header(pool.header))
      if case .dmaPool = pool.header, pool.used.isEmpty { continue }
      lines.append(strip(label: pool.label, used: pool.used, width: stripWidth))
    }
    lines += iommuLines(width: width)
    if lines.isEmpty {
      lines.append(
        Line(
          "no per-device coherent pool, dma_pool or swiotlb on this board",
          style: look.style(.dim)))
    }
    return lines
  }

  private func header(_ header: CMAPanelModel.PoolHeader) -> Line {
    switch header {
    case .coherent(
      let name, let physicalBase, let deviceBase, let usedPages, let pages, let devices):
      return Line([
        look.span(name, .highlight),
        look.span(" " + Format.address(physicalBase), .addressPhysical),
        look.span(" bus " + Format.address(deviceBase), .addressBus),
        look.span(" \(usedPages)/\(pages) pages, \(devices.joined(separator: ","))", .dim),
      ])
    case .dmaPool(let name, let device, let active, let totalBlocks, let blockSize, let chunks):
      return Line([
        look.span("dma_pool \(name)", .highlight),
        look.span(
          " \(device): \(active)/\(totalBlocks) blocks of \(blockSize) B in "
            + "\(chunks) chunk\(chunks == 1 ? "" : "s")", .dim),
      ])
    case .swiotlb(let start, let size, let usedSlots, let slotCount, let bounces):
      return Line([
        look.span("swiotlb", .highlight),
        look.span(" " + Format.address(start), .addressPhysical),
        look.span(
          " \(Format.size(size)), \(usedSlots)/\(slotCount) slots of 2 KiB, "
            + "\(bounces) bounce\(bounces == 1 ? "" : "s")", .dim),
      ])
    }
  }

  /// One row: the units scaled onto `width` cells, a cell allocated when any unit in it is
  /// used.
  private func strip(label: String, used: [Bool], width: Int) -> Line {
    let units = used.count
    let cells = min(width, max(units, 1))
    var spans = [look.span(Format.fit(label, 7), .dim)]
    for cell in 0..<cells {
      let start = cell * units / cells
      let end = max(start + 1, (cell + 1) * units / cells)
      let state: CMAStrip.State = used[start..<min(end, units)].contains(true) ? .allocated : .free
      spans.append(look.span(String(glyph(state)), role(state)))
    }
    return Line(spans)
  }
}
