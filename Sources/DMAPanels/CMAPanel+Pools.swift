import DMASim
import TermCanvas

extension CMAPanel {
  /// Per-device coherent pools, live dma_pools and the swiotlb slots, each as a header and a
  /// one-row occupancy strip scaled to the panel's width.
  func poolLines(width: Int) -> [Line] {
    let machine = context.machine
    var lines: [Line] = []
    let stripWidth = max(1, width - 7)
    for entry in machine.coherentPools {
      let pool = entry.pool
      lines.append(
        Line([
          context.span(entry.name, .highlight),
          context.span(" " + Format.address(pool.physicalBase), .addressPhysical),
          context.span(" bus " + Format.address(pool.deviceBase), .addressBus),
          context.span(
            " \(pool.usedPages)/\(pool.pages) pages, \(entry.devices.joined(separator: ","))",
            .dim),
        ]))
      lines.append(
        strip(label: "pool", units: pool.pages, width: stripWidth) { range in
          pool.bitmap.next(true, from: range.lowerBound, size: range.upperBound)
            < range.upperBound
        })
    }
    for entry in machine.dmaPools where !entry.destroyed {
      let pool = entry.pool
      lines.append(
        Line([
          context.span("dma_pool \(pool.name)", .highlight),
          context.span(
            " \(entry.device): \(pool.active)/\(pool.totalBlocks) blocks of \(pool.size) B in "
              + "\(pool.chunks.count) chunk\(pool.chunks.count == 1 ? "" : "s")", .dim),
        ]))
      // Blocks in carving order: used unless on the free list.
      let free = Set(pool.freeList)
      var used: [Bool] = []
      for chunk in pool.chunks.reversed() {
        for offset in chunk.blockOffsets { used.append(!free.contains(chunk.dma + UInt64(offset))) }
      }
      if !used.isEmpty {
        lines.append(
          strip(label: "blocks", units: used.count, width: stripWidth) { range in
            used[range].contains(true)
          })
      }
    }
    if let swiotlb = machine.swiotlb {
      let size = UInt64(swiotlb.slotCount) * SwiotlbPool.slotSize
      lines.append(
        Line([
          context.span("swiotlb", .highlight),
          context.span(" " + Format.address(swiotlb.start), .addressPhysical),
          context.span(
            " \(Format.size(size)), \(swiotlb.usedSlots)/\(swiotlb.slotCount) slots of 2 KiB, "
              + "\(machine.bounces.count) bounce\(machine.bounces.count == 1 ? "" : "s")", .dim),
        ]))
      lines.append(
        strip(label: "slots", units: swiotlb.slotCount, width: stripWidth) { range in
          swiotlb.slots[range].contains { $0.originalAddress != nil }
        })
    }
    lines += iommuLines(width: width)
    if lines.isEmpty {
      lines.append(
        Line(
          "no per-device coherent pool, dma_pool or swiotlb on this board",
          style: context.style(.dim)))
    }
    return lines
  }

  /// One row: `units` scaled onto `width` cells, a cell allocated when any unit in it is used.
  private func strip(
    label: String, units: Int, width: Int, used: (Range<Int>) -> Bool
  ) -> Line {
    let cells = min(width, max(units, 1))
    var spans = [context.span(Format.fit(label, 7), .dim)]
    for cell in 0..<cells {
      let start = cell * units / cells
      let end = max(start + 1, (cell + 1) * units / cells)
      let state: CMAStrip.State = used(start..<min(end, units)) ? .allocated : .free
      spans.append(context.span(String(glyph(state)), role(state)))
    }
    return Line(spans)
  }
}
