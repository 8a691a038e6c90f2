import TermCanvas

extension PageTablePanel {
  /// For a buffer a device reaches through an IOMMU: the IO page table walk of the buffer's
  /// IOVA (each level's index and descriptor, the page's output address and permission), when
  /// `room` rows allow the whole walk.
  func ioPageTableLines(_ walk: PageTablePanelModel.IOWalk?, room: Int) -> [Line] {
    guard let walk, room >= walk.tableLevels + 2 else { return [] }
    var lines = [
      Line([
        look.span("IO page table ", .title),
        look.span("\(walk.device) \(walk.iommu) cb\(walk.contextBank) IOVA ", .dim),
        look.span(Format.address(walk.iova), .addressBus),
      ])
    ]
    for (level, step) in walk.levels.enumerated() {
      lines.append(
        Line([
          look.span("L\(level) [\(step.index)] ", .normal),
          look.span(Format.hex(step.descriptor, digits: 16), .dim),
          look.span(" \(step.kind)", step.kind == "table" ? .normal : .highlight),
        ]))
    }
    if let physical = walk.physical {
      lines.append(
        Line([
          look.span("page 4 KiB ", .normal),
          look.span(Format.address(walk.iova & ~0xfff), .addressBus),
          look.span(" \(look.glyphs.arrowRight) ", .dim),
          look.span(Format.address(physical), .addressPhysical),
          look.span(walk.writable ? " RW" : " RO", .normal),
          look.span(walk.inIOTLB ? " in IOTLB" : " not in IOTLB", .dim),
        ]))
    }
    return lines
  }
}
