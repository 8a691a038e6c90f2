/// Short one-line descriptions of events and mappings for logs and views.
public enum TraceEventText {
  /// `DEVICE DIR dma 0x.. +SIZE phys 0x..` and the like: the event's fields, shortened.
  public static func summary(_ event: TraceEvent) -> String {
    let hex = TraceHex.short
    switch event.kind {
    case .map(let m):
      return "\(m.device) \(m.direction.rawValue) dma \(hex(m.dmaAddress)) +\(m.size)"
        + (m.physical.map { " phys \(hex($0))" } ?? "") + attrs(m.attributes)
    case .unmap(let m), .syncSingle(let m, _):
      return "\(m.device) \(m.direction.rawValue) dma \(hex(m.dmaAddress)) +\(m.size)"
        + attrs(m.attributes)
    case .alloc(let a), .free(let a):
      return "\(a.device) dma \(hex(a.dmaAddress)) +\(a.size) virt #\(a.virtualPointer.suffix(8))"
        + (a.gfpFlags.isEmpty ? "" : " " + a.gfpFlags.joined(separator: "|"))
    case .mapSG(let s), .unmapSG(let s), .syncSG(let s, _), .allocSGT(let s), .freeSGT(let s):
      var text = "\(s.device) \(s.direction.rawValue)"
      if let n = s.requestedEntries { text += " nents \(n)" }
      if let n = s.mappedEntries { text += " ents \(n)" }
      if let first = s.dmaAddresses.first ?? s.dmaAddress { text += " dma \(hex(first))" }
      if let phys = s.physicalAddresses.first { text += " phys \(hex(phys))" }
      if let err = s.error { text += " err \(err)" }
      return text
    case .cma(let c):
      var text = "\(c.area) count \(c.count)"
      if let pfn = c.pfn { text += " pfn \(hex(pfn))" }
      if let align = c.align { text += " align \(align)" }
      if let error = c.errorNumber, error != 0 { text += " errorno \(error)" }
      return text
    case .swiotlbBounced(let b):
      return
        "\(b.device) dev_addr \(hex(b.deviceAddress)) +\(b.size) \(b.forced ? "FORCE" : "NORMAL")"
    case .iommuMap(let r):
      return "iova \(hex(r.iova)) +\(r.size) -> paddr \(hex(r.physical ?? 0))"
    case .iommuUnmap(let r):
      return "iova \(hex(r.iova)) +\(r.size) unmapped \(r.unmappedSize ?? 0)"
    case .iommuGroup(let g):
      return g.device + (g.group.map { " group \($0)" } ?? "")
    case .iommuFault(let f):
      return "\(f.device) (\(f.driver)) iova \(hex(f.iova)) flags \(hex(f.flags))"
    }
  }

  private static func attrs(_ list: [String]) -> String {
    list.isEmpty ? "" : " " + list.joined(separator: "|")
  }

  /// A size as `4096`, `64K`, `1M`: exact binary multiples shortened, others in bytes.
  public static func size(_ bytes: UInt64) -> String {
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20)M" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10)K" }
    return String(bytes)
  }
}
