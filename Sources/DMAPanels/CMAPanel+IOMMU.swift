import DMASim
import TermCanvas

extension CMAPanel {
  /// Each IOMMU: its IOTLB (fill, hits, misses, faults), then per DMA domain in use the IOVA
  /// ranges allocated and pages mapped, and the translations the IOTLB holds.
  func iommuLines(width: Int) -> [Line] {
    let machine = context.machine
    var lines: [Line] = []
    for iommu in machine.iommus {
      let tlb = iommu.iotlb
      lines.append(
        Line([
          context.span(iommu.spec.kernelName, .highlight),
          context.span(
            " IOTLB \(tlb.entries.count)/\(tlb.capacity), \(tlb.hits) hits \(tlb.misses) misses",
            .dim),
          context.span(
            ", \(iommu.faults) fault\(iommu.faults == 1 ? "" : "s")",
            iommu.faults > 0 ? .violation : .dim),
        ]))
      for domain in iommu.domains where domain.iovad.ranges.contains(where: { !$0.reserved }) {
        let ranges = domain.iovad.ranges.filter { !$0.reserved }
        let pages = ranges.reduce(UInt64(0)) { $0 + $1.pages }
        lines.append(
          Line([
            context.span(" " + Format.fit(domain.device, 6), .title),
            context.span(
              " cb\(domain.contextBank): \(ranges.count) IOVA range\(ranges.count == 1 ? "" : "s")"
                + " (\(pages) pages), \(domain.mappedPages) mapped", .dim),
          ]))
        let cached = tlb.entries.filter { $0.contextBank == domain.contextBank }
        guard !cached.isEmpty else { continue }
        var spans = [context.span("  tlb", .dim)]
        for entry in cached {
          spans.append(
            context.span(
              " " + Hex.format(entry.iovaPage, digits: 8) + "\(context.glyphs.arrowRight)"
                + Hex.format(entry.physicalPage.rawValue, digits: 8), .addressBus))
        }
        lines.append(Line(spans))
      }
    }
    return lines
  }
}
