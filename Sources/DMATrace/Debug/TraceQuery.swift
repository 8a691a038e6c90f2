/// What `/` find and `addr` conditions look for in an event: a device, a task, an address.
public enum TraceQuery {
  /// An address written as hex (`0x` optional, at most 16 digits).
  public static func address(_ text: String) -> UInt64? {
    var digits = Substring(text)
    let prefixed = digits.hasPrefix("0x") || digits.hasPrefix("0X")
    if prefixed { digits = digits.dropFirst(2) }
    guard !digits.isEmpty, digits.count <= 16 else { return nil }
    // Without 0x a word must look like an address (a digit in it), not a task name.
    guard prefixed || digits.contains(where: \.isNumber) else { return nil }
    return UInt64(digits, radix: 16)
  }

  /// The event's direction, if it has one.
  public static func direction(of event: TraceEvent) -> TraceDirection? {
    switch event.kind {
    case .map(let m), .unmap(let m), .syncSingle(let m, _): m.direction
    case .alloc(let a), .free(let a): a.direction
    case .mapSG(let s), .unmapSG(let s), .syncSG(let s, _), .allocSGT(let s), .freeSGT(let s):
      s.direction
    default: nil
    }
  }

  /// The address ranges an event names (DMA, IOVA and physical), as (start, size).
  public static func ranges(of event: TraceEvent) -> [(UInt64, UInt64)] {
    switch event.kind {
    case .map(let m):
      return [(m.dmaAddress, m.size)] + (m.physical.map { [($0, m.size)] } ?? [])
    case .unmap(let m), .syncSingle(let m, _): return [(m.dmaAddress, m.size)]
    case .alloc(let a), .free(let a): return [(a.dmaAddress, a.size)]
    case .mapSG(let s), .unmapSG(let s), .syncSG(let s, _), .allocSGT(let s), .freeSGT(let s):
      var out: [(UInt64, UInt64)] = []
      for (i, dma) in s.dmaAddresses.enumerated() {
        out.append((dma, i < s.sizes.count ? s.sizes[i] : 1))
      }
      for phys in s.physicalAddresses { out.append((phys, 1)) }
      if let dma = s.dmaAddress { out.append((dma, s.size ?? 1)) }
      return out
    case .cma(let c):
      guard let pfn = c.pfn else { return [] }
      return [(pfn &* 4096, c.count &* 4096)]
    case .swiotlbBounced(let b): return [(b.deviceAddress, b.size)]
    case .iommuMap(let r): return [(r.iova, r.size)] + (r.physical.map { [($0, r.size)] } ?? [])
    case .iommuUnmap(let r): return [(r.iova, r.size)]
    case .iommuFault(let f): return [(f.iova, 1)]
    case .iommuGroup: return []
    }
  }

  /// Whether an address lies in one of the event's ranges.
  public static func touches(_ event: TraceEvent, _ address: UInt64) -> Bool {
    ranges(of: event).contains { address >= $0.0 && address - $0.0 < max($0.1, 1) }
  }

  /// Whether `/TEXT` finds the event: an address in its ranges, its device, or its task (the
  /// task's comm contains the text).
  public static func matches(_ event: TraceEvent, _ text: String) -> Bool {
    if event.device == text { return true }
    if let address = address(text), touches(event, address) { return true }
    return event.task.contains(text) || "\(event.task)-\(event.pid)" == text
  }
}
