import DMATrace

/// `w` on a trace: what the current event pairs with (the map behind an unmap, the unmap that
/// ends a map, the IOVA pages behind a mapping, the CMA range behind an allocation), its
/// findings, and what the trace cannot tell.
enum TraceWhy {
  static func lines(_ debugger: TraceDebugger) -> [String] {
    guard let index = debugger.currentIndex else {
      return ["Before the first event: step (s) to apply one."]
    }
    let analysis = debugger.analysis
    let event = analysis.events[index]
    let hex = TraceHex.short
    var out = [
      "line \(event.line): \(event.name) by \(event.task)-\(event.pid) on CPU \(event.cpu) "
        + "at \(event.timestampText)",
      TraceEventText.summary(event),
    ]
    let before = analysis.state(after: index)
    let after = debugger.state
    switch event.kind {
    case .map, .alloc, .mapSG, .allocSGT:
      if let life = analysis.lifetimes.first(where: { $0.start == index }) {
        if let end = life.end {
          let gone = analysis.events[end]
          out.append("ended by \(gone.name) at line \(gone.line) (\(end - index) events later)")
        } else {
          out.append("still live at the end of the trace")
        }
        if let device = event.device, let live = after.mappings[device]?[life.dmaAddress] {
          if let phys = live.physical {
            out.append(
              "physical \(hex(phys))"
                + (live.physicalAssumed
                  ? " (the DMA address, assumed: no IOMMU map, no dma-ranges offset seen)" : ""))
          }
          if let from = live.bouncedFrom {
            out.append("bounced: swiotlb slot for the buffer at \(hex(from)) (swiotlb_bounced)")
          }
          let pages = (after.iova[device] ?? [:]).values.filter { $0.eventIndex < index }
            .filter {
              $0.iova < life.dmaAddress &+ life.size && $0.iova &+ $0.size > life.dmaAddress
            }
            .sorted { $0.iova < $1.iova }
          for page in pages.prefix(4) {
            out.append(
              "IOMMU: iova \(hex(page.iova)) +\(page.size) -> \(hex(page.physical)) (map, line \(page.line))"
            )
          }
          if let range = after.cma.values.first(where: {
            $0.servedDevice == device
              && live.physical.map($0.physicalRange.contains) == true
          }) {
            out.append(
              "CMA: area \(range.area) pfn \(hex(range.pfn)) count \(range.count) (line \(range.line))"
            )
          }
        }
      }
    case .unmap(let m), .syncSingle(let m, _):
      if let entry = before.covering(m.device, m.dmaAddress) {
        out.append(
          "mapped at line \(entry.line): \(entry.kind.rawValue) \(entry.direction.rawValue) "
            + "dma \(hex(entry.dmaAddress)) +\(entry.size)")
      } else {
        out.append("no live mapping of \(m.device) holds \(hex(m.dmaAddress))")
      }
    case .free(let a):
      if let entry = before.mappings[a.device]?[a.dmaAddress] {
        out.append("allocated at line \(entry.line) (\(entry.size) bytes)")
      } else {
        out.append("no live allocation of \(a.device) at \(hex(a.dmaAddress))")
      }
    case .iommuMap(let r):
      let owner = after.iova.first { $0.value[r.iova]?.eventIndex == index }?.key
      out.append(
        owner.map { "claimed by \($0)'s mapping right after it" }
          ?? "no DMA-API event claimed it yet (an MSI doorbell, a driver's own iommu_map, or "
          + "the map event comes next)")
    case .iommuGroup(let g) where g.change == .removed:
      let left = before.liveMappings(of: g.device)
      out.append(
        left.isEmpty
          ? "\(g.device) leaves with nothing mapped"
          : "\(g.device) leaves with \(left.count) still mapped (its driver's release):")
      for entry in left.prefix(6) {
        out.append(
          "  line \(entry.line): \(entry.kind.rawValue) \(entry.direction.rawValue) dma "
            + "\(hex(entry.dmaAddress)) +\(entry.size)")
      }
    case .cma(let c):
      if let pfn = c.pfn, let range = after.cma[pfn], let device = range.servedDevice {
        out.append("serves \(device)'s dma_alloc (its physical address is inside)")
      }
    default:
      break
    }
    for finding in analysis.findings(at: index) {
      out.append(finding.prefix + finding.message)
    }
    out.append("Unknown from a trace: data, cache contents; CPU addresses (%p is hashed).")
    return out
  }
}
