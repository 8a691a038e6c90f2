/// `dmascope trace --json`: one JSON object per event, in trace order, keys in a fixed order
/// and numbers as the trace printed them (addresses as `0x` hex strings), so the same trace
/// always gives the same bytes.
public enum TraceJSON {
  /// The object for the event at `index`, with its findings and the device's live count after
  /// it (from `state`, the state after the event).
  public static func object(
    _ event: TraceEvent, index: Int, findings: [TraceFinding], state: TraceState
  ) -> String {
    var fields: [(String, String)] = [
      ("step", String(index + 1)), ("line", String(event.line)),
      ("time", quote(event.timestampText)), ("task", quote(event.task)),
      ("pid", String(event.pid)), ("cpu", String(event.cpu)), ("event", quote(event.name)),
    ]
    if let device = event.device { fields.append(("device", quote(device))) }
    fields += kindFields(event.kind)
    if let device = event.device {
      fields.append(("live", String(state.mappings[device]?.count ?? 0)))
    }
    if !findings.isEmpty {
      let items = findings.map { finding in
        "{\"check\":\(quote(finding.check.rawValue)),\"message\":\(quote(finding.message)),"
          + "\"lines\":[\(finding.lines.map(String.init).joined(separator: ","))]}"
      }
      fields.append(("findings", "[" + items.joined(separator: ",") + "]"))
    }
    return "{" + fields.map { "\(quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
  }

  private static func kindFields(_ kind: TraceEventKind) -> [(String, String)] {
    switch kind {
    case .map(let m), .unmap(let m), .syncSingle(let m, _):
      var out = [
        ("dir", quote(m.direction.rawValue)), ("dma_addr", hex(m.dmaAddress)),
        ("size", String(m.size)),
      ]
      if let phys = m.physical { out.append(("phys_addr", hex(phys))) }
      out.append(("attrs", list(m.attributes)))
      return out
    case .alloc(let a), .free(let a):
      var out: [(String, String)] = []
      if let dir = a.direction { out.append(("dir", quote(dir.rawValue))) }
      out += [
        ("dma_addr", hex(a.dmaAddress)), ("size", String(a.size)),
        ("virt_addr_hashed", quote(a.virtualPointer)), ("flags", list(a.gfpFlags)),
        ("attrs", list(a.attributes)),
      ]
      if let physical = a.physical { out.append(("phys_addr", hex(physical))) }
      return out
    case .mapSG(let s), .unmapSG(let s), .syncSG(let s, _), .allocSGT(let s), .freeSGT(let s):
      var out = [("dir", quote(s.direction.rawValue))]
      if let n = s.requestedEntries { out.append(("nents", String(n))) }
      if let n = s.mappedEntries { out.append(("ents", String(n))) }
      if let dma = s.dmaAddress { out.append(("dma_addr", hex(dma))) }
      if let size = s.size { out.append(("size", String(size))) }
      out += [
        ("dma_addrs", "[" + s.dmaAddresses.map(hex).joined(separator: ",") + "]"),
        ("sizes", "[" + s.sizes.map(String.init).joined(separator: ",") + "]"),
        ("phys_addrs", "[" + s.physicalAddresses.map(hex).joined(separator: ",") + "]"),
      ]
      if let err = s.error { out.append(("err", String(err))) }
      if s.truncated { out.append(("truncated", "true")) }
      out.append(("attrs", list(s.attributes)))
      return out
    case .cma(let c):
      var out = [("name", quote(c.area))]
      if let pfn = c.pfn { out.append(("pfn", hex(pfn))) }
      out.append(("count", String(c.count)))
      if let align = c.align { out.append(("align", String(align))) }
      if let error = c.errorNumber { out.append(("errorno", String(error))) }
      return out
    case .swiotlbBounced(let b):
      return [
        ("dma_mask", hex(b.dmaMask)), ("dev_addr", hex(b.deviceAddress)),
        ("size", String(b.size)), ("force", b.forced ? "true" : "false"),
      ]
    case .iommuMap(let r):
      return [("iova", hex(r.iova)), ("paddr", hex(r.physical ?? 0)), ("size", String(r.size))]
    case .iommuUnmap(let r):
      return [
        ("iova", hex(r.iova)), ("size", String(r.size)),
        ("unmapped_size", String(r.unmappedSize ?? 0)),
      ]
    case .iommuGroup(let g):
      return g.group.map { [("group", String($0))] } ?? []
    case .iommuFault(let f):
      return [("driver", quote(f.driver)), ("iova", hex(f.iova)), ("flags", hex(f.flags))]
    }
  }

  private static func hex(_ value: UInt64) -> String { quote(TraceHex.short(value)) }

  private static func list(_ values: [String]) -> String {
    "[" + values.map(quote).joined(separator: ",") + "]"
  }

  /// A JSON string literal.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let digits = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
