import DMASim
import TermCanvas

extension AddressSpacePanel {
  /// The three spaces drawn to scale side by side, `rows` rows each (plus two header rows),
  /// with the buffer marked at the same glyph in every strip.
  func scaleMap(_ spaces: AddressSpaceColumns, allocation: Allocation, width: Int, rows: Int)
    -> [Line]
  {
    let columnWidth = (width - 2) / 3
    let (strips, offsets) = scaleStrips(spaces, allocation: allocation, rows: rows)
    let marks = [
      allocation.virtualAddress.rawValue, allocation.physical.rawValue, spaces.busAddress,
    ]
    let titles = ["CPU virtual", "physical", spaces.busTitle]
    var lines = [
      Line(
        titles.map {
          context.span(Format.fit($0, columnWidth, ellipsis: context.glyphs.ellipsis) + " ", .title)
        }),
      Line(
        strips.map { strip in
          var text = "1 row = " + Hex.size(strip.bytesPerRow)
          if strip.hiddenAbove > 0 { text += " \(context.glyphs.arrowUp)\(strip.hiddenAbove)" }
          if strip.hiddenBelow > 0 { text += " \(context.glyphs.arrowDown)\(strip.hiddenBelow)" }
          if strip.hiddenAbove + strip.hiddenBelow > 0 { text += " rows" }
          return context.span(
            Format.fit(text, columnWidth, ellipsis: context.glyphs.ellipsis) + " ", .dim)
        }),
    ]
    let roles: [Role] = [.addressVirtual, .addressPhysical, .addressBus]
    let labels = strips.map { labelTexts($0, room: max(0, columnWidth - Self.digits($0) - 3)) }
    // Rows below every strip's end stay free for the rest of the panel.
    let used = zip(strips, offsets).map { $0.rows.count + $1 }.max() ?? 0
    for index in 0..<min(rows, used) {
      var spans: [Span] = []
      for (column, strip) in strips.enumerated() {
        spans += stripCells(
          strip, row: index - offsets[column], labels: labels[column], role: roles[column],
          mark: marks[column], name: allocation.name,
          width: columnWidth)
        spans.append(context.span(" ", .normal))
      }
      lines.append(Line(spans))
    }
    return lines
  }

  /// The three strips (CPU virtual, physical, bus) and how far down each is pushed so the
  /// buffer sits on the same screen row in all three.
  func scaleStrips(_ spaces: AddressSpaceColumns, allocation: Allocation, rows: Int) -> (
    strips: [ScaleStrip], offsets: [Int]
  ) {
    let machine = context.machine
    let size = max(allocation.size, 1)
    let va = allocation.virtualAddress.rawValue
    let pa = allocation.physical.rawValue
    let marks = [va, pa, spaces.busAddress]
    let allRegions = [
      AddressSpaceColumns.virtualScaleRegions(machine),
      AddressSpaceColumns.physicalScaleRegions(machine), spaces.busScaleRegions(machine),
    ]
    func strip(_ column: Int, capacity: Int) -> ScaleStrip {
      ScaleStrip(
        regions: allRegions[column], mark: marks[column].map { $0..<($0 &+ size) },
        capacity: capacity, zoom: scaleZoom ?? 0)
    }
    // Put the buffer on the same screen row in every strip, so it reads across as one line:
    // a strip whose mark sits higher is rebuilt shorter and pushed down.
    var strips = (0..<3).map { strip($0, capacity: rows) }
    var offsets = [0, 0, 0]
    let target = strips.compactMap(\.markRow).max() ?? 0
    for column in 0..<3 {
      guard let row = strips[column].markRow, row < target else { continue }
      let shorter = strip(column, capacity: rows - (target - row))
      if let newRow = shorter.markRow, newRow <= target {
        strips[column] = shorter
        offsets[column] = target - newRow
      }
    }
    return (strips, offsets)
  }

  /// One row of one strip, `width` columns: the row's first address, two cells of the region's
  /// glyph, the mark, and the region's name (or the buffer's on the marked row).
  private func stripCells(
    _ strip: ScaleStrip, row: Int, labels: [String], role: Role, mark: UInt64?, name: String,
    width: Int
  ) -> [Span] {
    let digits = Self.digits(strip)
    guard row >= 0, row < strip.rows.count else {
      return [context.span(String(repeating: " ", count: width), .normal)]
    }
    let ascii = context.glyphs.arrowRight.isASCII
    switch strip.rows[row] {
    case .gap(let bytes):
      let wave: Character = ascii ? "~" : "\u{2248}"
      let text =
        Format.fit(String(repeating: wave, count: 3), digits) + " "
        + String(repeating: wave, count: 2)
        + "  gap " + Self.roughSize(bytes)
      return [context.span(Format.fit(text, width), .dim)]
    case .slice(let start):
      let marked = strip.markRow == row
      // The marked row shows the region holding the buffer, whatever else shares the row.
      let region =
        marked
        ? mark.flatMap { address in
          strip.regions.filter { $0.start <= address && address <= $0.last }.max {
            $0.depth < $1.depth
          }
        } ?? strip.region(at: start) : strip.region(at: start)
      let glyph = region.map { Self.glyph($0.kind, ascii: ascii) } ?? " "
      var spans = [
        context.span(Hex.format(start, digits: digits) + " ", marked ? role : .dim),
        context.span(
          String(repeating: glyph, count: 2), region.map { Self.role($0.kind, space: role) } ?? .dim
        ),
      ]
      let room = max(0, width - digits - 3)
      if marked {
        // The buffer's name, then (as room allows) the region holding it, then its address.
        let head = "\(context.glyphs.bullet) \(context.glyphs.arrowLeft) \(name)"
        let address = mark.map { " " + Format.address($0) } ?? ""
        let inside = region.map { " in " + $0.label } ?? ""
        let text =
          [head + address + inside, head + inside, head + address].first { $0.count <= room }
          ?? head
        spans.append(
          context.span(Format.fit(text, room, ellipsis: context.glyphs.ellipsis), .highlight))
        return spans
      }
      let text = labels[row]
      spans.append(context.span(Format.fit(text, room, ellipsis: context.glyphs.ellipsis), .normal))
      return spans
    }
  }

  /// The text beside each row: the names of the regions starting on it, deepest first (the
  /// one whose glyph is drawn). Names a row has no room for, and those of the marked row, move
  /// down to the next rows the region still covers; names that run out of rows are counted as
  /// `+N` on the last row that had room.
  func labelTexts(_ strip: ScaleStrip, room: Int) -> [String] {
    var texts = [String](repeating: "", count: strip.rows.count)
    var pending: [ScaleStrip.Region] = []
    var lastText: Int?
    var lost = 0
    func flushLost() {
      guard lost > 0, let index = lastText else { return }
      let suffix = " +\(lost)"
      texts[index] = String(texts[index].prefix(max(0, room - suffix.count))) + suffix
      lost = 0
    }
    for (index, row) in strip.rows.enumerated() {
      guard case .slice(let start) = row else {
        lost += pending.count
        pending = []
        flushLost()
        lastText = nil
        continue
      }
      let covering = pending.filter { $0.last >= start }
      lost += pending.count - covering.count
      pending = covering + strip.startingRegions(at: start, first: index == 0)
      guard index != strip.markRow, !pending.isEmpty else { continue }
      flushLost()
      var text = "  " + pending.removeFirst().label
      while let next = pending.first,
        text.count + 2 + next.label.count + (pending.count > 1 ? 4 : 0) <= room
      {
        text += ", " + next.label
        pending.removeFirst()
      }
      texts[index] = text
      lastText = index
    }
    lost += pending.count
    flushLost()
    return texts
  }

  /// Hex digits of a strip's addresses: as many as its highest address needs, at least 8.
  static func digits(_ strip: ScaleStrip) -> Int {
    let highest = strip.regions.map(\.last).max() ?? 0
    return max(8, (64 - highest.leadingZeroBitCount + 3) / 4)
  }

  /// A region kind's glyph: distinct shapes so the map reads without colour.
  static func glyph(_ kind: ScaleStrip.Kind, ascii: Bool) -> Character {
    switch kind {
    case .memory: ascii ? "#" : "\u{2588}"
    case .mmio: ascii ? "!" : "\u{2502}"
    case .reserved: ascii ? "x" : "\u{2573}"
    case .cma: ascii ? "=" : "\u{2592}"
    case .pool: ascii ? "+" : "\u{2591}"
    case .swiotlb: ascii ? "/" : "\u{2571}"
    case .freed: ascii ? "." : "\u{00b7}"
    }
  }

  /// A region kind's colour role; RAM takes the space's own address colour.
  static func role(_ kind: ScaleStrip.Kind, space: Role) -> Role {
    switch kind {
    case .memory: space
    case .mmio: .warning
    case .reserved, .freed: .dim
    case .cma: .ownerDevice
    case .pool: .cacheClean
    case .swiotlb: .queueActive
    }
  }

  /// A gap's size rounded down to its largest binary unit (`255 TiB`).
  static func roughSize(_ bytes: UInt64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = bytes
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return "\(value) \(units[unit])"
  }
}
