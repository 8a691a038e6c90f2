import TermCanvas

extension CachePanel {
  /// Bytes per row of the detail pane.
  static let detailChunk = 32

  /// Rows the detail pane of one line takes: a header, then CPU, RAM and device rows for each
  /// chunk of the line.
  static func detailHeight(lineSize: Int) -> Int {
    1 + 3 * ((max(0, lineSize) + detailChunk - 1) / detailChunk)
  }

  /// The detail pane of one valid line: its slot, tag, state and age, then its bytes as the
  /// CPU reads them, as RAM holds them and as the device reads them, bytes that differ
  /// highlighted.
  func detailLines(_ row: CachePanelModel.Row, width: Int) -> [Line] {
    let size = model.lineSize
    var lines = [
      Line([
        look.span("line ", .title),
        look.span(Format.address(row.address), .addressPhysical),
        look.span(" ", .dim),
        look.span(
          row.state == .dirty ? "dirty" : "clean", row.state == .dirty ? .cacheDirty : .cacheClean),
        look.span(" tag \(Format.prefixed(row.tag)) age \(row.age)", .dim),
      ])
    ]
    guard let views = model.detailViews else { return lines }
    let count = min(size, views.cpu.count, views.ram.count, views.deviceBytes.count)
    let differs = (0..<count).map { $0 < views.differs.count && views.differs[$0] }
    let differing = differs.filter { $0 }.count
    lines[0].spans.append(
      look.span(differing > 0 ? ": \(differing) B differ" : ": views agree", .dim))
    let chunk = max(1, min(Self.detailChunk, width - 10))
    var offset = 0
    while offset < count {
      let range = offset..<min(count, offset + chunk)
      let rows: [(String, [UInt8])] = [
        ("CPU", views.cpu), ("RAM", views.ram), (String(views.device.prefix(4)), views.deviceBytes),
      ]
      for (index, (label, bytes)) in rows.enumerated() {
        let prefix = index == 0 ? "+" + Format.hex(UInt64(offset), digits: 2) + " " : "    "
        var spans = [look.span(prefix, .dim), look.span(Format.fit(label, 5), .dim)]
        for byte in range {
          spans.append(
            look.span(
              String(Format.glyph(bytes[byte], look.glyphs)), differs[byte] ? .bytesDiffer : .normal
            ))
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
    var spans: [Span] = []
    for line in model.dropped {
      let letter = line.wasDirty ? "D" : "C"
      spans.append(
        look.span(
          " " + Self.slotText(set: line.set, way: line.way) + Format.address(line.address)
            + " \(letter)\(look.glyphs.arrowRight)I", .cacheTouched))
    }
    for evicted in model.evictions {
      spans.append(look.span(" evicted " + Format.address(evicted), .cacheTouched))
    }
    guard !spans.isEmpty else { return nil }
    return Line([look.span("last step:", .dim)] + spans)
  }
}
