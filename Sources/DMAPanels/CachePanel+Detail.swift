import DMASim
import TermCanvas

extension CachePanel {
  /// Bytes per row of the detail pane.
  static let detailChunk = 32

  /// Rows the detail pane of one line takes: a header, then CPU, RAM and device rows for each
  /// chunk of the line.
  static func detailHeight(_ geometry: CacheGeometry) -> Int {
    1 + 3 * ((geometry.lineSize + detailChunk - 1) / detailChunk)
  }

  /// The device whose view of a line the detail pane shows: the device of the newest
  /// streaming mapping over it, else of a mapped scatterlist over it, else of an IOMMU domain
  /// mapping it, else the board's first DMA client.
  static func viewingDevice(of line: PhysAddr, size: Int, in machine: Machine) -> String? {
    let count = UInt64(size)
    if let mapping = machine.mappings.last(where: { $0.overlaps(line, count: count) }) {
      return mapping.device
    }
    // Every mapped entry counts (through an IOMMU they merge into fewer segments).
    for list in machine.scatterLists
    where !list.mappedEntries(overlapping: line, count: count).isEmpty {
      if let device = list.device { return device }
    }
    if let page = machine.iovaPages(mapping: line, size: count).first { return page.device }
    return (machine.board.devices.first { !$0.dmas.isEmpty } ?? machine.board.devices.first)?.name
  }

  /// The detail pane of one valid line: its slot, tag, state and age, then its bytes as the
  /// CPU reads them, as RAM holds them and as the device reads them, bytes that differ
  /// highlighted.
  func detailLines(_ slot: CacheSlot, width: Int) -> [Line] {
    let machine = context.machine
    let cache = machine.cache
    let line = cache.line(slot)
    let address = cache.lineAddress(of: slot)
    let size = cache.geometry.lineSize
    let device = Self.viewingDevice(of: address, size: size, in: machine)
    var lines = [
      Line([
        context.span("line ", .title),
        context.span(Format.address(address.rawValue), .addressPhysical),
        context.span(" ", .dim),
        context.span(
          line.state == .dirty ? "dirty" : "clean", line.state == .dirty ? .cacheDirty : .cacheClean
        ),
        context.span(" tag \(Hex.prefixed(line.tag)) age \(cache.age(of: slot))", .dim),
      ])
    ]
    guard let device, let views = machine.views(of: address, count: size, device: device) else {
      return lines
    }
    let differing = views.differs.filter { $0 }.count
    lines[0].spans.append(
      context.span(differing > 0 ? ": \(differing) B differ" : ": views agree", .dim))
    let chunk = max(1, min(Self.detailChunk, width - 10))
    var offset = 0
    while offset < size {
      let range = offset..<min(size, offset + chunk)
      let rows: [(String, KeyPath<ByteViews.Triple, UInt8>)] = [
        ("CPU", \.cpu), ("RAM", \.ram), (String(device.prefix(4)), \.device),
      ]
      for (index, (label, path)) in rows.enumerated() {
        let prefix = index == 0 ? "+" + Hex.format(UInt64(offset), digits: 2) + " " : "    "
        var spans = [context.span(prefix, .dim), context.span(Format.fit(label, 5), .dim)]
        for byte in range {
          let value = views.bytes[byte][keyPath: path]
          spans.append(
            context.span(
              String(ByteText.glyph(value)), views.differs[byte] ? .bytesDiffer : .normal))
        }
        lines.append(Line(spans))
      }
      offset += chunk
    }
    return lines
  }

  /// The last step's cache effects the list cannot show: lines it invalidated and lines it
  /// evicted, which are no longer valid.
  func lastStepNote() -> Line? {
    let machine = context.machine
    let cache = machine.cache
    var spans: [Span] = []
    var seen: [CacheSlot] = []
    for slot in machine.lastTouch.cacheSlots where !seen.contains(slot) {
      seen.append(slot)
      let line = cache.line(slot)
      guard !line.isValid, line.changedAtStep == machine.stepCount else { continue }
      let letter = line.previousState == .dirty ? "D" : "C"
      spans.append(
        context.span(
          " " + Hex.format(UInt64(slot.set), digits: 2).uppercased() + ".\(slot.way) "
            + Format.address(cache.lineAddress(of: slot).rawValue)
            + " \(letter)\(context.glyphs.arrowRight)I", .cacheTouched))
    }
    for evicted in machine.lastTouch.evictions {
      spans.append(context.span(" evicted " + Format.address(evicted.rawValue), .cacheTouched))
    }
    guard !spans.isEmpty else { return nil }
    return Line([context.span("last step:", .dim)] + spans)
  }
}
