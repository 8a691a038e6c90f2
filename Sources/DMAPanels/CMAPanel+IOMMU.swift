import TermCanvas

extension CMAPanel {
  /// Each IOMMU: its IOTLB (fill, hits, misses, faults), then per DMA domain in use the IOVA
  /// ranges allocated and pages mapped, and the translations the IOTLB holds.
  func iommuLines(width: Int) -> [Line] {
    var lines: [Line] = []
    for iommu in model.iommus {
      lines.append(
        Line([
          look.span(iommu.name, .highlight),
          look.span(
            " IOTLB \(iommu.tlbEntries)/\(iommu.tlbCapacity), \(iommu.hits) hits "
              + "\(iommu.misses) misses", .dim),
          look.span(
            ", \(iommu.faults) fault\(iommu.faults == 1 ? "" : "s")",
            iommu.faults > 0 ? .violation : .dim),
        ]))
      for domain in iommu.domains {
        lines.append(
          Line([
            look.span(" " + Format.fit(domain.device, 6), .title),
            look.span(
              " cb\(domain.contextBank): \(domain.ranges) IOVA range"
                + "\(domain.ranges == 1 ? "" : "s") (\(domain.pages) pages), "
                + "\(domain.mappedPages) mapped", .dim),
          ]))
        guard !domain.tlb.isEmpty else { continue }
        var spans = [look.span("  tlb", .dim)]
        for entry in domain.tlb {
          spans.append(
            look.span(
              " " + Format.hex(entry.iovaPage, digits: 8) + "\(look.glyphs.arrowRight)"
                + Format.hex(entry.physicalPage, digits: 8), .addressBus))
        }
        lines.append(Line(spans))
      }
    }
    return lines
  }
}
