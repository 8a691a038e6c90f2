extension IOMMU {
  /// A device access of `count` bytes at `iova` in domain `index`, split at page boundaries:
  /// the physical pieces. Each page goes through the IOTLB, then a table walk on a miss; a
  /// missing translation or a write to a read-only page is a context fault, reported as
  /// arm-smmu reports it, and nil is returned (the transaction is terminated).
  mutating func translate(
    domain index: Int, iova address: UInt64, count: Int, write: Bool, bus: inout some IOMMUBus
  ) -> [(physical: PhysAddr, count: Int)]? {
    var pieces: [(physical: PhysAddr, count: Int)] = []
    var at = address
    var left = UInt64(count)
    while left > 0 {
      let chunk = min(left, 0x1000 - (at & 0xfff))
      guard let physical = translatePage(domain: index, iova: at, write: write, bus: &bus)
      else { return nil }
      pieces.append((physical, Int(chunk)))
      at += chunk
      left -= chunk
    }
    return pieces
  }

  /// One page's translation through the IOTLB and the IO page table.
  private mutating func translatePage(
    domain index: Int, iova: UInt64, write: Bool, bus: inout some IOMMUBus
  ) -> PhysAddr? {
    let domain = domains[index]
    let smmu = spec.kernelName
    let access = write ? "write" : "read"
    if let entry = iotlb.lookup(contextBank: domain.contextBank, iova: iova) {
      let physical = entry.physicalPage.advanced(by: iova & 0xfff)
      guard !write || entry.writable else {
        contextFault(domain: index, iova: iova, write: write, level: 3, permission: true, bus: &bus)
        return nil
      }
      bus.log(
        .hardware, "iotlb",
        "\(smmu): IOTLB hit cb\(domain.contextBank) IOVA \(Hex.prefixed(iova)) → "
          + "\(physical.hex) (\(access))",
        addresses: [LogAddress(.iova, iova), LogAddress(.phys, physical.rawValue)])
      return physical
    }
    let walk =
      domain.pageTable?.walk(iova)
      ?? IOPageTableWalk(descriptors: [0], faultLevel: 0, tableIndex: nil)
    guard let page = walk.physical, let descriptor = walk.pageDescriptor else {
      bus.log(
        .hardware, "iotlb",
        "\(smmu): IOTLB miss cb\(domain.contextBank) IOVA \(Hex.prefixed(iova)) → table walk: "
          + "level \(walk.faultLevel ?? 0) descriptor invalid")
      contextFault(
        domain: index, iova: iova, write: write, level: walk.faultLevel ?? 0, permission: false,
        bus: &bus)
      return nil
    }
    let physical = page.advanced(by: iova & 0xfff)
    let descriptors = walk.descriptors.enumerated().map { "L\($0): \(Hex.prefixed($1))" }
    bus.log(
      .hardware, "iotlb",
      "\(smmu): IOTLB miss cb\(domain.contextBank) IOVA \(Hex.prefixed(iova)) → table walk "
        + descriptors.joined(separator: ", ") + " → \(physical.hex) (\(access)), cached",
      addresses: [LogAddress(.iova, iova), LogAddress(.phys, physical.rawValue)])
    iotlb.fill(
      contextBank: domain.contextBank, iova: iova, physicalPage: page, writable: walk.writable,
      descriptor: descriptor)
    guard !write || walk.writable else {
      contextFault(domain: index, iova: iova, write: write, level: 3, permission: true, bus: &bus)
      return nil
    }
    return physical
  }

  /// The fault report: `arm_smmu_context_fault` for an SMMUv1/v2 (`arm-smmu`): FSR (TF or PF
  /// with the AArch64 format field), FAR, FSYNR0 (the level in PLVL, WNR for a write),
  /// CBFRSYNRA (the stream ID) and the context bank; `arm_smmu_dump_event` for an SMMUv3
  /// (`arm-smmu-v3`): the event name, client, stream ID and IOVA, then its class line.
  private mutating func contextFault(
    domain index: Int, iova: UInt64, write: Bool, level: Int, permission: Bool,
    bus: inout some IOMMUBus
  ) {
    faults += 1
    let domain = domains[index]
    let device = bus.deviceName(domain.device)
    let detail =
      (permission
        ? "\(device) wrote through a read-only IOVA page (mapped DMA_TO_DEVICE). "
        : "\(device) used an IOVA that is not mapped: never mapped, already "
          + "unmapped, or past the end of its mapping. ")
      + "The SMMU terminates the transaction, so the beat is lost; with a physical address "
      + "the same bug would have read or overwritten whatever memory is there."
    let prefix = "\(spec.driverName) \(spec.kernelName): "
    if spec.driverName == "arm-smmu-v3" {
      bus.log(
        .debug, "arm_smmu_evtq_thread",
        prefix + "event: " + (permission ? "F_PERMISSION" : "F_TRANSLATION")
          + " client: \(device) sid: \(Self.alternateHex(domain.streamID)) "
          + "ssid: 0 iova: \(Self.alternateHex(iova)) ipa: 0",
        detail: detail, addresses: [LogAddress(.iova, iova)])
      bus.log(
        .debug, "arm_smmu_evtq_thread",
        prefix + "unpriv data \(write ? "write" : "read") s1 \"input address caused fault\" stag: 0"
      )
      return
    }
    // FSR.TF is bit 1, FSR.PF bit 3; FSR.FORMAT (bits 10:9) = 0b10 for AArch64 descriptors.
    let fsr: UInt64 = (permission ? 0x8 : 0x2) | 0x400
    let fsynr: UInt64 = UInt64(level & 3) | (write ? 0x10 : 0)
    bus.log(
      .debug, "arm_smmu_context_fault",
      prefix + "Unhandled context fault: fsr=\(Hex.prefixed(fsr)), "
        + "iova=0x\(Hex.format(iova, digits: 8)), fsynr=\(Hex.prefixed(fsynr)), "
        + "cbfrsynra=\(Hex.prefixed(UInt64(domain.streamID))), cb=\(domain.contextBank)",
      detail: detail, addresses: [LogAddress(.iova, iova)])
  }

  /// `%#x`: 0x and lowercase hex, but a bare `0` for zero.
  static func alternateHex<T: BinaryInteger>(_ value: T) -> String {
    value == 0 ? "0" : "0x" + String(value, radix: 16)
  }
}
