import DMASim

/// The bus address space of a device behind an IOMMU, for one selected buffer: the ranges of the
/// device's IOVA allocator (reserved windows, live ranges, freed ranges kept in the range
/// cache), the IOVA the buffer is reached at, and which physical page each IOVA page of that
/// range maps.
struct IOVAColumn {
  /// The device (board name) whose DMA domain is shown.
  var device: String
  /// The IOMMU's `dev_name()`.
  var iommu: String
  /// The domain's allocator ranges in IOVA order.
  var regions: [IOVARegion]
  /// The IOVA of the buffer's first byte (or of its first mapped byte), nil when the domain
  /// maps none of it.
  var bufferIOVA: UInt64?
  /// The mapped pages of the range holding the buffer's IOVA (the whole domain's mapped pages
  /// of the buffer when no range holds it), in IOVA order.
  var pages: [IOVAPage]
  /// The buffer's physical bytes, `[start, end)` for each piece (a remapped buffer's pages are
  /// scattered), to mark the pages that map it.
  var bufferPhysical: [Range<UInt64>]

  /// The IOVA view of a buffer, when a device behind an IOMMU maps it or `mapping` (the
  /// buffer's newest streaming mapping) is for one; nil otherwise.
  init?(machine: Machine, buffer: Allocation, mapping: StreamingMapping?) {
    guard !machine.iommus.isEmpty else { return nil }
    let reached = machine.iovaPages(mapping: buffer.physical, size: max(buffer.size, 1))
    let viaMapping = mapping.flatMap { machine.iommuDomain(for: $0.device) != nil ? $0 : nil }
    guard let device = viaMapping?.device ?? reached.first?.device,
      let iommu = machine.iommu(for: device)
    else { return nil }
    self.device = device
    self.iommu = iommu.spec.kernelName
    regions = machine.iovaRegions(device: device)
    let pa = buffer.physical.rawValue
    bufferPhysical = machine.memory.pageTable.physicalRanges(of: buffer)
    let own = reached.filter { $0.device == device }
    if let page = own.first(where: { $0.physical.rawValue == pa & ~0xfff }) {
      bufferIOVA = page.iova + (pa & 0xfff)
    } else if let page = own.first {
      bufferIOVA = page.iova + (pa > page.physical.rawValue ? pa & 0xfff : 0)
    } else if let viaMapping, viaMapping.handle != .mappingError {
      bufferIOVA = viaMapping.handle.rawValue + (pa - min(pa, viaMapping.physical.rawValue))
    } else {
      bufferIOVA = nil
    }
    if let iova = bufferIOVA,
      let region = regions.first(where: { $0.start <= iova && iova - $0.start < $0.size })
    {
      pages = machine.iovaPages(device: device, iova: region.start, size: region.size)
    } else {
      pages = own
    }
  }

  /// Whether an IOVA page maps some byte of the buffer.
  func mapsBuffer(_ page: IOVAPage) -> Bool {
    let start = page.physical.rawValue
    return bufferPhysical.contains { start < $0.upperBound && $0.lowerBound < start + 0x1000 }
  }

  /// The column's rows: one per allocator range, then the buffer's row at its IOVA.
  var rows: [AddressSpaceColumns.Row] {
    var rows = regions.map { region in
      let label: String
      if region.range.reserved {
        label = region.start == IOMMU.msiIOVABase ? "MSI window rsv" : "reserved"
      } else if region.cached {
        label = "iova \(region.range.pages)p freed"
      } else {
        label = "iova \(region.range.pages)p \(region.mappedPages) mapped"
      }
      let holds = bufferIOVA.map { $0 >= region.start && $0 - region.start < region.size } ?? false
      return AddressSpaceColumns.Row(
        label: label, address: region.start, isBuffer: false, holdsBuffer: holds, depth: 0)
    }
    if rows.isEmpty {
      rows.append(
        AddressSpaceColumns.Row(
          label: "no IOVA allocated", address: 0, isBuffer: false, holdsBuffer: false, depth: 0))
    }
    return rows
  }
}
