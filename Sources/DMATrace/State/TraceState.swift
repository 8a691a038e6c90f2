/// What a trace says is live after some number of its events: each device's mappings and
/// allocations, the IOVA ranges its IOMMU domain maps, CMA allocations by PFN. A value:
/// copying it is a checkpoint. What a trace cannot know (the data, cache contents, CPU
/// addresses behind hashed `%p` pointers) is not in it.
public struct TraceState: Sendable {
  /// Live mappings and allocations by device, then DMA address.
  public private(set) var mappings: [String: [UInt64: TraceLiveMapping]] = [:]
  /// IOVA ranges by device, then IOVA (claimed by the device's map or allocation).
  public private(set) var iova: [String: [UInt64: TraceIOVARange]] = [:]
  /// IOVA ranges no DMA-API event claimed (an MSI doorbell page, a driver's own `iommu_map`):
  /// the trace does not say whose domain holds them.
  public private(set) var unclaimedIOVA: [UInt64: TraceIOVARange] = [:]
  /// Live CMA allocations by first PFN.
  public private(set) var cma: [UInt64: TraceCMARange] = [:]
  /// Devices seen, by name.
  public private(set) var devices: [String: TraceDevice] = [:]
  /// Events applied so far.
  public private(set) var step = 0

  /// iommu `map`/`unmap` events not yet claimed, by task PID.
  private var pendingIOMMU: [Int: [(range: TraceIOMMURange, map: Bool, index: Int, line: Int)]] =
    [:]
  /// `swiotlb_bounced` waiting for its `dma_map_*`, by task PID.
  private var pendingBounce: [Int: TraceBounce] = [:]
  /// The newest successful `cma_alloc_finish` PFN by task PID (for `servedDevice`).
  private var pendingCMA: [Int: UInt64] = [:]
  /// The newest `dma_free` by task PID: dma-iommu's `iommu_dma_free` traces `dma_free`
  /// before its iommu `unmap` (a streaming unmap traces after it), so an unmap right after a
  /// free inside the freed range is that device's.
  private var lastFree: [Int: (device: String, start: UInt64, end: UInt64)] = [:]

  /// An empty state (before the first event).
  public init() {}

  /// A device's live mappings, by DMA address.
  public func liveMappings(of device: String) -> [TraceLiveMapping] {
    (mappings[device] ?? [:]).values.sorted { $0.dmaAddress < $1.dmaAddress }
  }

  /// Every live mapping, by device then DMA address.
  public var allLiveMappings: [TraceLiveMapping] {
    mappings.keys.sorted().flatMap { liveMappings(of: $0) }
  }

  /// The outcome of applying one event.
  public struct Outcome: Sendable {
    /// Checks that fired.
    public var findings: [TraceFinding] = []
    /// Mappings the event ended (for lifetimes).
    public var ended: [TraceLiveMapping] = []
  }

  /// Applies the next event (`index` is its position in the trace).
  @discardableResult
  public mutating func apply(_ event: TraceEvent, index: Int) -> Outcome {
    step = index + 1
    var outcome = Outcome()
    if let device = event.device, devices[device] == nil {
      devices[device] = TraceDevice(name: device, firstEventIndex: index)
    }
    switch event.kind {
    case .iommuUnmap, .free: break
    default: lastFree[event.pid] = nil
    }
    switch event.kind {
    case .map(let m):
      map(m, event: event, index: index, into: &outcome)
    case .unmap(let m):
      let kind: TraceLiveMapping.Kind = event.name == "dma_unmap_resource" ? .resource : .single
      unmap(
        device: m.device, address: m.dmaAddress, size: m.size, direction: m.direction, kind: kind,
        event: event, index: index, into: &outcome)
    case .syncSingle(let m, let forCPU):
      sync(m.device, m.dmaAddress, m.size, m.direction, forCPU, nil, event, index, &outcome)
    case .alloc(let a):
      allocate(a, event: event, index: index, into: &outcome)
    case .free(let a):
      let start = a.dmaAddress & ~0xfff
      lastFree[event.pid] = (a.device, start, a.dmaAddress &+ max(a.size, 1))
      unmap(
        device: a.device, address: a.dmaAddress, size: a.size,
        direction: a.direction ?? .bidirectional,
        kind: .coherent, event: event, index: index, into: &outcome)
    case .mapSG(let s):
      mapSG(s, event: event, index: index, into: &outcome)
    case .unmapSG(let s):
      unmapSG(s, event: event, index: index, into: &outcome)
    case .syncSG(let s, let forCPU):
      if let first = s.dmaAddresses.first {
        let size = s.sizes.first ?? 0
        sync(
          s.device, first, size, s.direction, forCPU, s.requestedEntries, event, index, &outcome)
      }
    case .allocSGT(let s):
      let mapping = TraceLiveMapping(
        kind: .coherent, device: s.device, dmaAddress: s.dmaAddress ?? 0, size: s.size ?? 0,
        direction: s.direction, physical: s.physicalAddresses.first, virtualPointer: nil,
        bouncedFrom: nil, requestedEntries: s.requestedEntries,
        physicalAddresses: s.physicalAddresses, eventIndex: index, line: event.line)
      insert(mapping, pid: event.pid)
    case .freeSGT(let s):
      unmap(
        device: s.device, address: s.dmaAddress ?? 0, size: s.size ?? 0, direction: s.direction,
        kind: .coherent, event: event, index: index, into: &outcome)
    case .cma(let c):
      cmaEvent(c, event: event, index: index, into: &outcome)
    case .swiotlbBounced(let b):
      pendingBounce[event.pid] = b
    case .iommuMap(let r):
      pendingIOMMU[event.pid, default: []].append((r, true, index, event.line))
      unclaimedIOVA[r.iova] = TraceIOVARange(
        iova: r.iova, physical: r.physical ?? 0, size: r.size, eventIndex: index, line: event.line)
    case .iommuUnmap(let r):
      if let free = lastFree[event.pid], r.iova >= free.start, r.iova < free.end {
        iova[free.device]?[r.iova] = nil
        if iova[free.device]?.isEmpty == true { iova[free.device] = nil }
      } else if unclaimedIOVA.removeValue(forKey: r.iova) == nil {
        pendingIOMMU[event.pid, default: []].append((r, false, index, event.line))
      }
    case .iommuGroup(let g):
      group(g, event: event, index: index, into: &outcome)
    case .iommuFault(let f):
      let inside = covering(f.device, f.iova)
      outcome.findings.append(
        TraceFinding(
          check: .ioPageFault, device: f.device,
          message:
            "IOMMU fault at iova \(TraceHex.padded(f.iova)) flags=\(TraceHex.short(f.flags)) "
            + "(driver \(f.driver)): "
            + (inside.map {
              "inside the live \($0.direction.kernelName) mapping of line \($0.line)"
            } ?? "no live mapping of \(f.device) holds it"),
          eventIndex: index, lines: [event.line] + (inside.map { [$0.line] } ?? [])))
    }
    return outcome
  }

  // MARK: - Maps

  private mutating func map(
    _ m: TraceMapping, event: TraceEvent, index: Int, into outcome: inout Outcome
  ) {
    let bounce = pendingBounce.removeValue(forKey: event.pid)
    guard m.dmaAddress != TraceMapping.mappingError else {
      claimIOMMU(pid: event.pid, device: nil, start: 0, size: 0)
      outcome.findings.append(
        TraceFinding(
          check: .mapError, device: m.device,
          message: "\(event.name) failed: dma_addr=DMA_MAPPING_ERROR [size=\(m.size) bytes] "
            + "[phys_addr=\(TraceHex.short(m.physical ?? 0))] [\(m.direction.kernelName)]",
          eventIndex: index, lines: [event.line]))
      return
    }
    let kind: TraceLiveMapping.Kind = event.name == "dma_map_resource" ? .resource : .single
    let mapping = TraceLiveMapping(
      kind: kind, device: m.device, dmaAddress: m.dmaAddress, size: m.size,
      direction: m.direction, physical: m.physical, virtualPointer: nil,
      bouncedFrom: bounce?.deviceAddress, requestedEntries: nil, physicalAddresses: [],
      eventIndex: index, line: event.line)
    insert(mapping, pid: event.pid)
  }

  private mutating func allocate(
    _ a: TraceAllocation, event: TraceEvent, index: Int, into outcome: inout Outcome
  ) {
    guard !a.failed, !a.virtualIsNull else {
      claimIOMMU(pid: event.pid, device: nil, start: 0, size: 0)
      outcome.findings.append(
        TraceFinding(
          check: .mapError, device: a.device,
          message: "\(event.name) failed: no memory returned (virt_addr=NULL) [size=\(a.size) "
            + "bytes] [flags=\(a.gfpFlags.joined(separator: "|"))]",
          eventIndex: index, lines: [event.line]))
      return
    }
    var mapping = TraceLiveMapping(
      kind: .coherent, device: a.device, dmaAddress: a.dmaAddress, size: a.size,
      direction: a.direction ?? .bidirectional, physical: a.physical,
      virtualPointer: a.virtualPointer.isEmpty ? nil : a.virtualPointer,
      bouncedFrom: nil, requestedEntries: nil, physicalAddresses: [], eventIndex: index,
      line: event.line)
    let claimed = insert(mapping, pid: event.pid)
    if claimed.isEmpty, a.physical == nil {
      // No IOMMU in between: the DMA address is taken as the physical address (right without
      // a dma-ranges offset, as on QEMU's virt; the trace cannot show an offset, so it is
      // marked as assumed).
      mapping.physical = a.dmaAddress
      mapping.physicalAssumed = true
      mappings[a.device, default: [:]][a.dmaAddress] = mapping
    }
    if let pfn = pendingCMA.removeValue(forKey: event.pid), var range = cma[pfn],
      let physical = mappings[a.device]?[a.dmaAddress]?.physical,
      range.physicalRange.contains(physical)
    {
      range.servedDevice = a.device
      cma[pfn] = range
    }
  }

  private mutating func mapSG(
    _ s: TraceScatterList, event: TraceEvent, index: Int, into outcome: inout Outcome
  ) {
    pendingBounce[event.pid] = nil
    if let error = s.error {
      claimIOMMU(pid: event.pid, device: nil, start: 0, size: 0)
      outcome.findings.append(
        TraceFinding(
          check: .mapError, device: s.device,
          message: "dma_map_sg failed: err=\(error) [nents=\(s.requestedEntries ?? 0)] "
            + "[\(s.direction.kernelName)]",
          eventIndex: index, lines: [event.line]))
      return
    }
    guard let first = s.dmaAddresses.first else { return }
    let size = s.sizes.reduce(0) { $0 &+ $1 }
    let mapping = TraceLiveMapping(
      kind: .scatterGather, device: s.device, dmaAddress: first, size: size,
      direction: s.direction, physical: s.physicalAddresses.first, virtualPointer: nil,
      bouncedFrom: nil, requestedEntries: s.requestedEntries,
      physicalAddresses: s.physicalAddresses, eventIndex: index, line: event.line)
    insert(mapping, pid: event.pid)
  }

  /// Stores a mapping and gives it the IOVA ranges its task just mapped; returns those.
  @discardableResult
  private mutating func insert(_ mapping: TraceLiveMapping, pid: Int) -> [TraceIOVARange] {
    var mapping = mapping
    let claimed = claimIOMMU(
      pid: pid, device: mapping.device, start: mapping.dmaAddress & ~0xfff,
      size: mapping.size &+ (mapping.dmaAddress & 0xfff))
    if mapping.physical == nil, let first = claimed.min(by: { $0.iova < $1.iova }) {
      mapping.physical = first.physical &+ (mapping.dmaAddress &- first.iova)
    }
    mappings[mapping.device, default: [:]][mapping.dmaAddress] = mapping
    return claimed
  }

  /// Hands the task's pending iommu `map`s inside `[start, start + size)` to the device and
  /// drops its pending `unmap`s (the DMA-API event after them says whose they were).
  @discardableResult
  private mutating func claimIOMMU(
    pid: Int, device: String?, start: UInt64, size: UInt64
  ) -> [TraceIOVARange] {
    guard let pending = pendingIOMMU.removeValue(forKey: pid) else { return [] }
    var claimed: [TraceIOVARange] = []
    let end = start &+ size
    for item in pending where item.map {
      let range = item.range
      guard let device, range.iova < end, range.iova &+ range.size > start else { continue }
      let claim = TraceIOVARange(
        iova: range.iova, physical: range.physical ?? 0, size: range.size,
        eventIndex: item.index, line: item.line)
      unclaimedIOVA[range.iova] = nil
      iova[device, default: [:]][range.iova] = claim
      claimed.append(claim)
    }
    for item in pending where !item.map {
      guard let device else { continue }
      let range = item.range
      let gone = (iova[device] ?? [:]).keys.filter {
        $0 >= range.iova && $0 < range.iova &+ range.size
      }
      for key in gone { iova[device]?[key] = nil }
      if iova[device]?.isEmpty == true { iova[device] = nil }
    }
    return claimed
  }

  // MARK: - Unmaps and syncs

  private mutating func unmap(
    device: String, address: UInt64, size: UInt64, direction: TraceDirection,
    kind: TraceLiveMapping.Kind, event: TraceEvent, index: Int, into outcome: inout Outcome
  ) {
    claimIOMMU(pid: event.pid, device: device, start: 0, size: 0)
    let place = "[device address=\(TraceHex.padded(address))]"
    guard let entry = mappings[device]?[address] else {
      if address == TraceMapping.mappingError {
        outcome.findings.append(
          TraceFinding(
            check: .freeInvalidAddress, device: device,
            message: "device driver tries to free an invalid DMA memory address",
            eventIndex: index, lines: [event.line]))
      } else {
        outcome.findings.append(
          TraceFinding(
            check: .freeNotAllocated, device: device,
            message: "device driver tries to free DMA memory it has not allocated \(place) "
              + "[size=\(size) bytes]",
            eventIndex: index, lines: [event.line]))
      }
      return
    }
    var findings: [TraceFinding] = []
    func add(_ check: TraceFinding.Check, _ message: String) {
      findings.append(
        TraceFinding(
          check: check, device: device, message: message, eventIndex: index,
          lines: [event.line, entry.line]))
    }
    if size != entry.size, kind != .scatterGather {
      add(
        .freeDifferentSize,
        "device driver frees DMA memory with different size \(place) [map size=\(entry.size) "
          + "bytes] [unmap size=\(size) bytes]")
    }
    if kind != entry.kind {
      add(
        .freeWrongFunction,
        "device driver frees DMA memory with wrong function \(place) [size=\(size) bytes] "
          + "[mapped as \(entry.kind.rawValue)] [unmapped as \(kind.rawValue)]")
    }
    if direction != entry.direction {
      add(
        .freeDifferentDirection,
        "device driver frees DMA memory with different direction \(place) [size=\(size) "
          + "bytes] [mapped with \(entry.direction.kernelName)] [unmapped with "
          + "\(direction.kernelName)]")
    }
    outcome.findings += findings
    mappings[device]?[address] = nil
    if mappings[device]?.isEmpty == true { mappings[device] = nil }
    outcome.ended.append(entry)
  }

  private mutating func unmapSG(
    _ s: TraceScatterList, event: TraceEvent, index: Int, into outcome: inout Outcome
  ) {
    claimIOMMU(pid: event.pid, device: s.device, start: 0, size: 0)
    let entry = (mappings[s.device] ?? [:]).values.first {
      $0.kind == .scatterGather && $0.physicalAddresses.first == s.physicalAddresses.first
    }
    guard let entry else {
      outcome.findings.append(
        TraceFinding(
          check: .freeNotAllocated, device: s.device,
          message: "device driver tries to free DMA memory it has not allocated [device address="
            + "unknown: dma_unmap_sg prints phys_addrs \(s.physicalAddresses.first.map(TraceHex.short) ?? "{}")]",
          eventIndex: index, lines: [event.line]))
      return
    }
    if let count = s.requestedEntries, let mapped = entry.requestedEntries, count != mapped {
      outcome.findings.append(
        TraceFinding(
          check: .freeDifferentEntryCount, device: s.device,
          message: "device driver frees DMA sg list with different entry count [map count="
            + "\(mapped)] [unmap count=\(count)]", eventIndex: index,
          lines: [event.line, entry.line]))
    }
    if s.direction != entry.direction {
      outcome.findings.append(
        TraceFinding(
          check: .freeDifferentDirection, device: s.device,
          message: "device driver frees DMA memory with different direction [device address="
            + "\(TraceHex.padded(entry.dmaAddress))] [size=\(entry.size) bytes] [mapped with "
            + "\(entry.direction.kernelName)] [unmapped with \(s.direction.kernelName)]",
          eventIndex: index, lines: [event.line, entry.line]))
    }
    mappings[s.device]?[entry.dmaAddress] = nil
    if mappings[s.device]?.isEmpty == true { mappings[s.device] = nil }
    outcome.ended.append(entry)
  }

  /// The live mapping of a device whose range holds an address.
  public func covering(_ device: String, _ address: UInt64) -> TraceLiveMapping? {
    if let exact = mappings[device]?[address] { return exact }
    return mappings[device]?.values.first {
      address >= $0.dmaAddress && address - $0.dmaAddress < max($0.size, 1)
    }
  }

  private func sync(
    _ device: String, _ address: UInt64, _ size: UInt64, _ direction: TraceDirection,
    _ forCPU: Bool, _ entries: Int?, _ event: TraceEvent, _ index: Int,
    _ outcome: inout Outcome
  ) {
    // kernel/dma/debug.c check_sync.
    guard let entry = covering(device, address) else {
      outcome.findings.append(
        TraceFinding(
          check: .syncNotAllocated, device: device,
          message: "device driver tries to sync DMA memory it has not allocated [device address="
            + "\(TraceHex.padded(address))] [size=\(size) bytes]",
          eventIndex: index, lines: [event.line]))
      return
    }
    func add(_ check: TraceFinding.Check, _ message: String) {
      outcome.findings.append(
        TraceFinding(
          check: check, device: device, message: message, eventIndex: index,
          lines: [event.line, entry.line]))
    }
    let offset = address - entry.dmaAddress
    if offset.addingReportingOverflow(size).partialValue > entry.size {
      add(
        .syncOutsideRange,
        "device driver syncs DMA memory outside allocated range [device address="
          + "\(TraceHex.padded(entry.dmaAddress))] [allocation size=\(entry.size) bytes] "
          + "[sync offset+size=\(offset &+ size)]")
    }
    if entry.direction != .bidirectional {
      let tail =
        "[device address=\(TraceHex.padded(address))] [size=\(entry.size) bytes] [mapped with "
        + "\(entry.direction.kernelName)] [synced with \(direction.kernelName)]"
      if direction != entry.direction {
        add(
          .syncDifferentDirection, "device driver syncs DMA memory with different direction " + tail
        )
      }
      if forCPU, entry.direction != .fromDevice, direction != .toDevice {
        add(.syncReadOnlyForCPU, "device driver syncs device read-only DMA memory for cpu " + tail)
      }
      if !forCPU, entry.direction != .toDevice, direction != .fromDevice {
        add(
          .syncWriteOnlyToDevice,
          "device driver syncs device write-only DMA memory to device " + tail)
      }
    }
    if let entries, entry.kind == .scatterGather, let mapped = entry.requestedEntries,
      entries != mapped
    {
      add(
        .syncDifferentEntryCount,
        "device driver syncs DMA sg list with different entry count [map count=\(mapped)] "
          + "[sync count=\(entries)]")
    }
  }

  // MARK: - CMA and groups

  private mutating func cmaEvent(
    _ c: TraceCMAEvent, event: TraceEvent, index: Int, into outcome: inout Outcome
  ) {
    switch c.phase {
    case .allocStart, .busyRetry:
      break
    case .allocFinish:
      if let error = c.errorNumber, error != 0 {
        outcome.findings.append(
          TraceFinding(
            check: .mapError, device: nil,
            message: "cma_alloc of \(c.count) pages from area \(c.area) failed: errorno=\(error)",
            eventIndex: index, lines: [event.line]))
      } else if let pfn = c.pfn {
        cma[pfn] = TraceCMARange(
          area: c.area, pfn: pfn, count: c.count, servedDevice: nil, eventIndex: index,
          line: event.line)
        pendingCMA[event.pid] = pfn
      }
    case .release:
      if let pfn = c.pfn { cma[pfn] = nil }
    }
  }

  private mutating func group(
    _ g: TraceIOMMUGroup, event: TraceEvent, index: Int, into outcome: inout Outcome
  ) {
    switch g.change {
    case .added:
      devices[g.device]?.group = g.group
      devices[g.device]?.removed = false
    case .attached:
      break
    case .removed:
      devices[g.device]?.removed = true
      // dma_debug_device_change, BUS_NOTIFY_UNBOUND_DRIVER.
      let leaked = liveMappings(of: g.device)
      if let last = leaked.last {
        outcome.findings.append(
          TraceFinding(
            check: .pendingAtRelease, device: g.device,
            message: "device driver has pending DMA allocations while released from device "
              + "[count=\(leaked.count)] One of leaked entries details: [device address="
              + "\(TraceHex.padded(last.dmaAddress))] [size=\(last.size) bytes] [mapped with "
              + "\(last.direction.kernelName)] [mapped as \(last.kind.rawValue)]",
            eventIndex: index, lines: [event.line] + leaked.map(\.line)))
      }
    }
  }
}
