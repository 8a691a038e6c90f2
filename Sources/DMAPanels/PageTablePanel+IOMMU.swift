import DMASim
import TermCanvas

extension PageTablePanel {
  /// For a buffer a device reaches through an IOMMU: the IO page table walk of the buffer's
  /// IOVA (each level's index and descriptor, the page's output address and permission), when
  /// `room` rows allow the whole walk.
  func ioPageTableLines(_ buffer: Allocation, room: Int) -> [Line] {
    let machine = context.machine
    let levels = IOPageTable.levels
    guard room >= levels + 2,
      let column = IOVAColumn(machine: machine, buffer: buffer, mapping: nil),
      let iova = column.bufferIOVA,
      let view = machine.iommuView(device: column.device, iova: DMAAddr(iova), size: 1),
      let page = view.pages.first
    else { return [] }
    var lines = [
      Line([
        context.span("IO page table ", .title),
        context.span("\(column.device) \(view.iommu) cb\(view.contextBank) IOVA ", .dim),
        context.span(Format.address(iova), .addressBus),
      ])
    ]
    for (level, descriptor) in page.descriptors.enumerated() {
      let valid = descriptor & 3 == IOPageTable.typeTableOrPage
      let kind = !valid ? "invalid" : level == levels - 1 ? "page" : "table"
      lines.append(
        Line([
          context.span("L\(level) [\(IOPageTable.index(of: page.iova, level: level))] ", .normal),
          context.span(Hex.format(descriptor, digits: 16), .dim),
          context.span(" \(kind)", kind == "table" ? .normal : .highlight),
        ]))
    }
    if let physical = page.physical {
      lines.append(
        Line([
          context.span("page 4 KiB ", .normal),
          context.span(Format.address(iova & ~0xfff), .addressBus),
          context.span(" \(context.glyphs.arrowRight) ", .dim),
          context.span(Format.address(physical.rawValue), .addressPhysical),
          context.span(page.writable ? " RW" : " RO", .normal),
          context.span(page.inIOTLB ? " in IOTLB" : " not in IOTLB", .dim),
        ]))
    }
    return lines
  }
}
