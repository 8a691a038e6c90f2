import DMASim
import TermCanvas

/// Shows the newest live buffer in every address space (CPU virtual, physical, bus) and its
/// bytes as the CPU sees them next to the bytes in RAM, which is what a non-coherent device reads.
public struct AddressSpacePanel: Widget {
  /// What to draw and how.
  public var context: PanelContext
  /// The buffer to show (nil: the newest live buffer).
  public var buffer: Allocation?
  /// The zoom level of the to-scale map (nil: no map, the regions listed in address order).
  /// Drawn when the panel has room (the zoomed panel); each level halves the bytes per row.
  public var scaleZoom: Int?

  /// Creates the panel.
  public init(context: PanelContext, buffer: Allocation? = nil, scaleZoom: Int? = nil) {
    self.context = context
    self.buffer = buffer
    self.scaleZoom = scaleZoom
  }

  /// The zoom level at which the to-scale map drawn in `area` reaches one page a row in every
  /// strip (0 when there is no buffer or no room for the map).
  public func deepestScaleZoom(in area: Rect) -> Int {
    guard let allocation = buffer ?? context.machine.allocators.allocations.last,
      Self.fitsScaleMap(width: area.width, height: area.height)
    else { return 0 }
    let spaces = AddressSpaceColumns(machine: context.machine, buffer: allocation)
    return scaleStrips(spaces, allocation: allocation, rows: scaleRows(area.height, spaces))
      .strips.map(\.deepestZoom).max() ?? 0
  }

  /// Rows of each strip in a panel `height` rows high.
  func scaleRows(_ height: Int, _ spaces: AddressSpaceColumns) -> Int {
    height - 3 - 8 - (spaces.iova == nil ? 0 : 3)
  }

  /// Whether an area is big enough for the to-scale map.
  public static func fitsScaleMap(width: Int, height: Int) -> Bool { width >= 90 && height >= 24 }

  /// Draws the panel's content (no border) into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    var lines: [Line] = []
    if let allocation = self.buffer ?? context.machine.allocators.allocations.last {
      lines += describe(allocation, width: area.width, height: area.height)
      if area.height - lines.count >= memoryMap().count + 1 {
        lines += [Line.empty] + memoryMap()
      }
    } else {
      lines = [Line("no live buffer", style: context.style(.dim))] + memoryMap()
    }
    for (row, line) in lines.prefix(area.height).enumerated() {
      buffer.setLine(
        line, x: area.x, y: area.y + row, maxWidth: area.width,
        ellipsis: context.glyphs.ellipsis)
    }
  }

  private func describe(_ allocation: Allocation, width: Int, height: Int) -> [Line] {
    let machine = context.machine
    let mapping = machine.dma.mappings.last {
      machine.memory.pageTable.buffer(allocation, overlaps: $0.physical, count: $0.size)
    }
    // dma_map_sg keeps no StreamingMapping: the mapped list holding the buffer has the owner.
    let listOwner = machine.dma.scatterLists.first { list in
      list.owner != nil
        && machine.memory.pageTable.pieces(of: allocation).contains {
          !list.mappedEntries(overlapping: $0.physical, count: $0.size).isEmpty
        }
    }?.owner
    let owner =
      (mapping?.owner ?? listOwner) == .device
      ? context.span("owner: device", .ownerDevice) : context.span("owner: CPU", .ownerCPU)
    var lines = [
      Line([
        context.span(allocation.name, .highlight),
        context.span(" \(allocation.allocator) \(Format.size(allocation.size)) ", .normal), owner,
      ])
    ]
    let iova: IOVAColumn?
    if scaleZoom != nil, Self.fitsScaleMap(width: width, height: height) {
      let spaces = AddressSpaceColumns(machine: machine, buffer: allocation)
      iova = spaces.iova
      lines += scaleMap(
        spaces, allocation: allocation, width: width, rows: scaleRows(height, spaces))
    } else if width >= 54 {
      let spaces = AddressSpaceColumns(machine: machine, buffer: allocation)
      iova = spaces.iova
      let iovaRows = iova.map { min($0.pages.count, 4) + 1 } ?? 0
      lines += columns(
        spaces, width: width, rows: max(2, min(9, (height - 5 - iovaRows) / 2)))
    } else {
      iova = IOVAColumn(machine: machine, buffer: allocation, mapping: mapping)
      lines += addressRows(allocation, mapping: mapping, iova: iova)
    }
    if let iova {
      lines += iovaPageLines(iova, limit: min(8, height - lines.count - 4), width: width)
    }
    lines.append(cacheLines(allocation, width: width))
    let coherent = mapping.flatMap { machine.board.device(named: $0.device) }?.coherent ?? false
    let deviceLabel = coherent ? "RAM" : "RAM = device view"
    // 32 bytes a row when both views fit side by side, else 16.
    let perRow = width >= 6 + 32 + 1 + 32 ? 32 : 16
    let rows = Int((allocation.size + UInt64(perRow) - 1) / UInt64(perRow))
    let available = max(0, height - lines.count - 1)
    // Offsets as wide as the last one shown needs (at least two digits).
    let lastOffset = max(0, min(rows, available) - 1) * perRow
    let digits = lastOffset > 0xfff ? 4 : lastOffset > 0xff ? 3 : 2
    lines.append(
      Line(
        Format.fit("off", digits + 2) + Format.fit("CPU view", perRow + 1) + deviceLabel,
        style: context.style(.title)))
    for row in 0..<min(rows, available) {
      lines.append(byteRow(allocation, row: row, perRow: perRow, digits: digits))
    }
    return lines
  }

  /// VA, PA and bus as three columns of regions with the buffer marked in each.
  private func columns(_ spaces: AddressSpaceColumns, width: Int, rows: Int) -> [Line] {
    let columnWidth = (width - 2) / 3
    let titles = ["CPU virtual", "physical", spaces.busTitle]
    var lines = [
      Line(
        titles.map { context.span(Format.fit($0, columnWidth) + " ", .title) })
    ]
    let roles: [Role] = [.addressVirtual, .addressPhysical, .addressBus]
    let shown = AddressSpaceColumns.aligned(
      [spaces.virtual, spaces.physical, spaces.bus], count: rows)
    let count = shown.map(\.count).max() ?? 0
    for index in 0..<count {
      var spans: [Span] = []
      for (column, rowsOfColumn) in shown.enumerated() {
        guard index < rowsOfColumn.count, let row = rowsOfColumn[index] else {
          spans.append(context.span(String(repeating: " ", count: columnWidth + 1), .normal))
          continue
        }
        if row.isBuffer {
          let text = "\(context.glyphs.arrowRight)" + Format.address(row.address)
          spans.append(
            context.span(
              Format.fit(text, columnWidth, ellipsis: context.glyphs.ellipsis), roles[column]))
          spans.append(context.span(" ", .normal))
        } else {
          let indent = String(repeating: " ", count: row.depth)
          let mark = row.holdsBuffer ? "\(context.glyphs.bullet)" : " "
          spans.append(
            context.span(
              Format.fit(mark + indent + row.label, columnWidth, ellipsis: context.glyphs.ellipsis)
                + " ",
              row.holdsBuffer ? .highlight : .dim))
        }
      }
      lines.append(Line(spans))
    }
    return lines
  }

  /// VA, PA and bus one under the other, for narrow panels.
  private func addressRows(
    _ allocation: Allocation, mapping: StreamingMapping?, iova: IOVAColumn?
  ) -> [Line] {
    let machine = context.machine
    let translation = machine.memory.pageTable.translate(allocation.virtualAddress)
    let memoryType = translation?.mapping.memoryType ?? .normalWriteBack
    let mappingName =
      translation?.mapping.name.replacingPrefix("dma_alloc_coherent ", with: "") ?? "?"
    let holder =
      machine.allocators.cmaAreas.first {
        $0.base <= allocation.physical.rawValue
          && allocation.physical.rawValue - $0.base < $0.size
      }.map { "CMA \($0.name)" }
      ?? machine.board.dram.first { $0.contains(allocation.physical.rawValue) }?.name ?? "?"
    var lines = [
      Line([
        context.span("VA  ", .dim), context.span(allocation.virtualAddress.hex, .addressVirtual),
        context.span(" \(mappingName) \(memoryType.shortName)", .dim),
      ]),
      Line([
        context.span("PA  ", .dim),
        context.span(Format.address(allocation.physical.rawValue), .addressPhysical),
        context.span("         \(holder)", .dim),
      ]),
    ]
    if let iova {
      lines.append(iovaLine(iova))
    } else if let mapping {
      lines.append(
        Line([
          context.span("bus ", .dim),
          context.span(Format.address(mapping.handle.rawValue), .addressBus),
          context.span(
            "         \(mapping.device) \(mapping.direction.kernelName.dropFirst(4))", .dim),
        ]))
    } else if let segment = AddressSpaceColumns.scatterGatherSegment(of: allocation, in: machine) {
      lines.append(
        Line([
          context.span("bus ", .dim),
          context.span(Format.address(segment.handle), .addressBus),
          context.span("         \(segment.device) sg", .dim),
        ]))
    } else if allocation.allocator.hasPrefix("dma_alloc") {
      lines.append(
        Line([
          context.span("bus ", .dim),
          context.span(Format.address(allocation.physical.rawValue), .addressBus),
          context.span("         dma handle", .dim),
        ]))
    } else {
      lines.append(Line([context.span("bus ", .dim), context.span("not mapped", .dim)]))
    }
    return lines
  }

  /// The cache lines that cover the buffer and their states.
  private func cacheLines(_ allocation: Allocation, width: Int) -> Line {
    let machine = context.machine
    let type = machine.memory.pageTable.translate(allocation.virtualAddress)?.mapping.memoryType
    let lineSize = UInt64(machine.memory.cache.geometry.lineSize)
    // The lines of every physical piece (a remapped buffer's pages are scattered).
    var addresses: [UInt64] = []
    for piece in machine.memory.pageTable.pieces(of: allocation) {
      var address = piece.physical.rawValue / lineSize * lineSize
      let end = piece.physical.rawValue + max(piece.size, 1)
      while address < end {
        if addresses.last != address { addresses.append(address) }
        address += lineSize
      }
    }
    let total = addresses.count
    var spans = [context.span("lines ", .dim)]
    var cached = 0
    var used = 6
    var omitted = 0
    func note(_ cached: Int) -> String {
      type?.isCacheable == false
        ? "\(total) lines, \(type?.shortName ?? "") mapping: no cache" : "\(cached)/\(total) cached"
    }
    // Room for the note at its widest and a "+N " count of the lines left out.
    let reserve = note(total).count + 2 + String(total).count
    for address in addresses {
      guard let slot = machine.memory.cache.lookup(PhysAddr(address)) else { continue }
      cached += 1
      let dirty = machine.memory.cache.line(slot).state == .dirty
      let text =
        "\(context.glyphs.ellipsis)" + Hex.format(address & 0xffff, digits: 4)
        + (dirty ? ":D " : ":C ")
      if used + text.count > width - reserve {
        omitted += 1
        continue
      }
      used += text.count
      spans.append(context.span(text, dirty ? .cacheDirty : .cacheClean))
    }
    if omitted > 0 { spans.append(context.span("+\(omitted) ", .dim)) }
    spans.append(context.span(note(cached), .dim))
    return Line(spans)
  }

  private func byteRow(_ allocation: Allocation, row: Int, perRow: Int, digits: Int) -> Line {
    let machine = context.machine
    let start = UInt64(row * perRow)
    let count = Int(min(UInt64(perRow), allocation.size - start))
    var cpuSpans: [Span] = []
    var ramSpans: [Span] = []
    let cacheable =
      machine.memory.pageTable.translate(allocation.virtualAddress)?.mapping.memoryType.isCacheable
      ?? true
    for index in 0..<perRow {
      guard index < count else {
        cpuSpans.append(context.span(" ", .normal))
        ramSpans.append(context.span(" ", .normal))
        continue
      }
      let address = machine.memory.pageTable.bytePhysical(allocation, offset: start + UInt64(index))
      let ramByte = machine.memory.ram.byte(at: address)
      // What a CPU load through the buffer's own mapping returns: its buffered stores first,
      // then the cache only when that mapping is cacheable (a remap's stale linear-map lines
      // are not what the CPU reads).
      let cpuByte =
        machine.memory.writeBuffer.byte(at: address)
        ?? (cacheable ? machine.memory.cache.peek(address, ram: machine.memory.ram) : ramByte)
      let differs = cpuByte != ramByte
      cpuSpans.append(
        context.span(
          String(Format.glyph(cpuByte, context.glyphs)), differs ? .bytesDiffer : .normal))
      ramSpans.append(
        context.span(
          String(Format.glyph(ramByte, context.glyphs)), differs ? .bytesDiffer : .normal))
    }
    let offset = "+" + Hex.format(start, digits: digits) + " "
    return Line([context.span(offset, .dim)] + cpuSpans + [context.span(" ", .normal)] + ramSpans)
  }

  private func memoryMap() -> [Line] {
    let machine = context.machine
    var lines: [Line] = []
    let names = machine.memory.pageTable.mappings.map {
      $0.name.replacingPrefix("ioremap ", with: "")
    }
    let nameWidth = (names.map(\.count).max() ?? 10) + 1
    for mapping in machine.memory.pageTable.mappings {
      let end = mapping.physicalBase.rawValue + mapping.size - 1
      lines.append(
        Line([
          context.span(
            Format.fit(mapping.name.replacingPrefix("ioremap ", with: ""), nameWidth), .normal),
          context.span(Format.address(mapping.physicalBase.rawValue), .addressPhysical),
          context.span("-" + Format.address(end), .addressPhysical),
          context.span(" \(mapping.memoryType.shortName)", .dim),
        ]))
    }
    return lines
  }
}

extension String {
  /// The string with a prefix replaced, if it has it.
  func replacingPrefix(_ prefix: String, with replacement: String) -> String {
    hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
  }
}
