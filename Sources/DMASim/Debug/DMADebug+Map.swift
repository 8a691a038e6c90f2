/// Where a CPU address passed to `dma_map_single` lies, for checks 15 and 16.
public enum DMADebugArea: Hashable, Sendable {
  /// The linear map (`virt_addr_valid`).
  case linear
  /// The vmalloc area (`is_vmalloc_addr`; not `virt_addr_valid` either).
  case vmalloc
  /// Anywhere else (not `virt_addr_valid`).
  case invalid
}

extension DMADebug {
  /// `debug_dma_map_single`: checks 15 and 16 on the CPU address (a vmalloc address fails both).
  public mutating func mapSingle(
    device: DMADebugDevice, address: VirtAddr, length: UInt64, area: DMADebugArea
  ) -> DMADebugOutcome {
    guard !disabled else { return DMADebugOutcome() }
    var reports: [DMADebugReport] = []
    let place = "[addr=\(Self.pointer(address))] [len=\(length)]"
    if area != .linear {
      report(
        .mapInvalidArea, device, nil, "device driver maps memory from invalid area " + place,
        into: &reports)
    }
    if area == .vmalloc {
      report(
        .mapVmallocArea, device, nil, "device driver maps memory from vmalloc area " + place,
        into: &reports)
    }
    return DMADebugOutcome(reports: reports)
  }

  /// `debug_dma_map_page`: records a single mapping (not a failed one), with checks 17, 18 and
  /// the cacheline overlap check 21. `id` links the entry to the caller's mapping.
  public mutating func mapPage(
    id: Int, device: DMADebugDevice, physical: PhysAddr, virtualAddress: VirtAddr, size: UInt64,
    direction: DMADataDirection, dmaAddress: DMAAddr, memory: DMADebugMemory = .ordinary,
    skipCPUSync: Bool = false, step: Int = 0
  ) -> DMADebugOutcome {
    guard !disabled, dmaAddress != .mappingError else { return DMADebugOutcome() }
    var reports: [DMADebugReport] = []
    let entry = DMADebugEntry(
      id: id, device: device, dmaAddress: dmaAddress, size: size, type: .single,
      direction: direction, physical: physical, mapErrorState: .notChecked, mappedAtStep: step)
    checkMemory(device, virtualAddress, length: size, memory, into: &reports)
    add(entry, skipCPUSync: skipCPUSync, into: &reports)
    return DMADebugOutcome(reports: reports, entry: entry)
  }

  /// `debug_dma_map_sg`: stack and kernel-text checks on all `nents` segments, then one entry
  /// per mapped segment with checks 19 and 20 (`maxSegmentSize` defaults to 64 KiB and
  /// `segmentBoundary` to `ULONG_MAX`, the kernel's defaults without `dma_parms`).
  public mutating func mapSG(
    firstID: Int, device: DMADebugDevice, segments: [DMADebugSegment], nents: Int,
    mappedEntries: Int, direction: DMADataDirection, maxSegmentSize: UInt32 = 65536,
    segmentBoundary: UInt64 = .max, skipCPUSync: Bool = false, step: Int = 0
  ) -> DMADebugOutcome {
    guard !disabled else { return DMADebugOutcome() }
    var outcome = DMADebugOutcome()
    for segment in segments.prefix(max(0, nents)) {
      checkMemory(
        device, segment.virtualAddress, length: UInt64(segment.length), segment.memory,
        into: &outcome.reports)
    }
    for (index, segment) in segments.prefix(max(0, mappedEntries)).enumerated() {
      let entry = DMADebugEntry(
        id: firstID + index, device: device, dmaAddress: segment.dmaAddress,
        size: segment.dmaLength, type: .scatterGather, direction: direction,
        sgCallEntries: nents, sgMappedEntries: mappedEntries, physical: segment.physical,
        mapErrorState: .notApplicable, mappedAtStep: step)
      if segment.length > maxSegmentSize {
        report(
          .sgSegmentTooLong, device, nil,
          "mapping sg segment longer than device claims to support [len=\(segment.length)] "
            + "[max=\(maxSegmentSize)]", into: &outcome.reports)
      }
      let start = segment.dmaAddress.rawValue
      let end = start &+ segment.dmaLength &- 1
      if (start ^ end) & ~segmentBoundary != 0 {
        report(
          .sgSegmentAcrossBoundary, device, nil,
          "mapping sg segment across boundary [start=0x\(Hex.format(start, digits: 16))] "
            + "[end=0x\(Hex.format(end, digits: 16))] [boundary=0x"
            + "\(Hex.format(segmentBoundary, digits: 16))]", into: &outcome.reports)
      }
      add(entry, skipCPUSync: skipCPUSync, into: &outcome.reports)
      outcome.entry = outcome.entry ?? entry
    }
    return outcome
  }

  /// `debug_dma_alloc_coherent`: a coherent entry (bidirectional, map-error check not
  /// applicable).
  public mutating func allocCoherent(
    id: Int, device: DMADebugDevice, size: UInt64, dmaAddress: DMAAddr, physical: PhysAddr,
    step: Int = 0
  ) -> DMADebugOutcome {
    guard !disabled else { return DMADebugOutcome() }
    var reports: [DMADebugReport] = []
    let entry = DMADebugEntry(
      id: id, device: device, dmaAddress: dmaAddress, size: size, type: .coherent,
      direction: .bidirectional, physical: physical, mapErrorState: .notApplicable,
      mappedAtStep: step)
    add(entry, skipCPUSync: false, into: &reports)
    return DMADebugOutcome(reports: reports, entry: entry)
  }

  /// `debug_dma_map_resource`: an MMIO mapping that must be checked with `dma_mapping_error`.
  public mutating func mapResource(
    id: Int, device: DMADebugDevice, physical: PhysAddr, size: UInt64,
    direction: DMADataDirection, dmaAddress: DMAAddr, skipCPUSync: Bool = false, step: Int = 0
  ) -> DMADebugOutcome {
    guard !disabled else { return DMADebugOutcome() }
    var reports: [DMADebugReport] = []
    let entry = DMADebugEntry(
      id: id, device: device, dmaAddress: dmaAddress, size: size, type: .resource,
      direction: direction, physical: physical, mapErrorState: .notChecked, mappedAtStep: step)
    add(entry, skipCPUSync: skipCPUSync, into: &reports)
    return DMADebugOutcome(reports: reports, entry: entry)
  }

  /// The bus notifier at `BUS_NOTIFY_UNBOUND_DRIVER`: check 22, naming the count and the last
  /// leaked entry in bucket order. Entries stay in the table, as in the kernel.
  public mutating func driverUnbound(device: DMADebugDevice) -> DMADebugOutcome {
    guard !disabled else { return DMADebugOutcome() }
    let leaked = entries.filter { $0.device == device }
    guard let last = leaked.last else { return DMADebugOutcome() }
    var reports: [DMADebugReport] = []
    report(
      .pendingAtRelease, device, last,
      "device driver has pending DMA allocations while released from device [count="
        + "\(leaked.count)]\nOne of leaked entries details: [device address="
        + "\(last.dmaAddress.hex)] [size=\(last.size) bytes] [mapped with "
        + "\(last.direction.kernelName)] [mapped as \(last.type.kernelName)]", into: &reports)
    return DMADebugOutcome(reports: reports, entry: last)
  }

  /// `check_for_stack` and `check_for_illegal_area`.
  private mutating func checkMemory(
    _ device: DMADebugDevice, _ address: VirtAddr, length: UInt64, _ memory: DMADebugMemory,
    into reports: inout [DMADebugReport]
  ) {
    switch memory {
    case .ordinary: break
    case .stack:
      report(
        .mapStack, device, nil,
        "device driver maps memory from stack [addr=\(Self.pointer(address))]", into: &reports)
    case .vmappedStack:
      report(
        .mapStack, device, nil,
        "device driver maps memory from stack [probable addr=\(Self.pointer(address))]",
        into: &reports)
    case .kernelText:
      report(
        .mapKernelText, device, nil,
        "device driver maps memory from kernel text or rodata [addr=\(Self.pointer(address))] "
          + "[len=\(length)]", into: &reports)
    }
  }

  /// `%p` with `no_hash_pointers`: 16 hexadecimal digits, no prefix.
  static func pointer(_ address: VirtAddr) -> String { Hex.format(address.rawValue, digits: 16) }
}
