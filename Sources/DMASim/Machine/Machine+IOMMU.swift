/// Where a device's DMA domain lives: the IOMMU and the domain within it.
struct IOMMUContext: Hashable, Sendable {
  /// Index in `Machine.iommus`.
  var iommu: Int
  /// Index in that IOMMU's `domains`.
  var domain: Int
}

extension Machine {
  /// The IOMMU and domain a device sits behind, or nil for a device that masters physical
  /// addresses (dma-direct).
  func iommuContext(for device: String) -> IOMMUContext? {
    guard let spec = board.device(named: device), let name = spec.iommu,
      let iommu = iommus.firstIndex(where: { $0.spec.name == name }),
      let domain = iommus[iommu].domainIndex(for: device)
    else { return nil }
    return IOMMUContext(iommu: iommu, domain: domain)
  }

  /// The DMA domain of a device behind an IOMMU (its IOVA allocator, IO page table and
  /// context bank), or nil for a device without one.
  public func iommuDomain(for device: String) -> IOMMUDomain? {
    iommuContext(for: device).map { iommus[$0.iommu].domains[$0.domain] }
  }

  /// The IOMMU a device sits behind (with its IOTLB contents and counters), or nil.
  public func iommu(for device: String) -> IOMMU? {
    iommuContext(for: device).map { iommus[$0.iommu] }
  }

  /// The IOMMU's view of `[iova, iova + size)` in a device's domain (`IOMMU.view`), or nil
  /// for a device without an IOMMU.
  public func iommuView(device: String, iova: DMAAddr, size: UInt64) -> IOMMUMappingView? {
    iommuContext(for: device).map {
      iommus[$0.iommu].view(domain: $0.domain, device: device, iova: iova, size: size)
    }
  }

  /// The IOMMU's view of a live streaming mapping (its handle is the IOVA), or nil when the
  /// device has no IOMMU.
  public func iommuView(of mapping: StreamingMapping) -> IOMMUMappingView? {
    iommuView(device: mapping.device, iova: mapping.handle, size: mapping.size)
  }

  /// The boot log of the IOMMUs: the driver probes and every device behind one joins its own
  /// group with a DMA domain.
  mutating func bootIOMMUs() {
    for iommu in iommus {
      let spec = iommu.spec
      log(
        .kernel, "arm_smmu_device_probe",
        "\(spec.driverName) \(spec.kernelName): \(spec.compatible), \(spec.inputAddressBits)-bit "
          + "input addresses, 4K pages (ARM LPAE stage 1), \(spec.iotlbEntries)-entry TLB, "
          + (spec.coherentWalk ? "coherent table walk" : "non-coherent table walk"))
      for (group, domain) in iommu.domains.enumerated() {
        log(
          .kernel, "iommu_probe_device",
          "\(deviceName(domain.device)): Adding to iommu group \(group)")
        log(
          .kernel, "iommu_setup_dma_ops",
          "\(deviceName(domain.device)): DMA domain (translated, strict invalidation), "
            + (spec.driverName == "arm-smmu-v3"
              ? "ASID \(domain.contextBank)" : "context bank \(domain.contextBank)")
            + ", stream ID \(Hex.prefixed(UInt64(domain.streamID))); "
            + "IOVA window [\(Hex.prefixed(IOMMU.msiIOVABase)), "
            + "\(Hex.prefixed(IOMMU.msiIOVABase + IOMMU.msiIOVALength - 1))] reserved for MSIs")
      }
    }
  }

  /// `iommu_dma_alloc_iova`: `size` bytes (a multiple of the granule) of IOVA space at or below
  /// the device's limit (its mask, capped by the aperture), through `alloc_iova_fast`.
  mutating func allocIOVA(_ context: IOMMUContext, size: UInt64, dmaLimit: UInt64) -> UInt64? {
    let iommu = iommus[context.iommu]
    let limit = min(dmaLimit, iommu.apertureEnd)
    let pages = size >> 12
    let rounded =
      pages < 1 << (IOVADomain.rangeCacheMaxOrder - 1)
      ? IOVADomain.roundUpPowerOfTwo(pages) : pages
    let result = iommus[context.iommu].domains[context.domain].iovad.allocate(
      pages: pages, limitPFN: limit >> 12)
    let sizeText =
      rounded == pages ? "\(pages) page(s)" : "\(pages) page(s) rounded up to \(rounded)"
    guard let (pfn, fromCache) = result else {
      log(
        .kernel, "alloc_iova",
        "alloc_iova_fast(\(sizeText), limit pfn \(Hex.prefixed(limit >> 12))) failed: no free "
          + "IOVA space below the limit")
      return nil
    }
    let iova = pfn << 12
    log(
      .kernel, "alloc_iova",
      fromCache
        ? "alloc_iova_fast(\(sizeText), limit pfn \(Hex.prefixed(limit >> 12))): pfn "
          + "\(Hex.prefixed(pfn)) reused from the order-\(IOVADomain.orderBase2(rounded)) range "
          + "cache → IOVA \(Hex.prefixed(iova))"
        : "alloc_iova(\(sizeText), limit pfn \(Hex.prefixed(limit >> 12)), size_aligned): "
          + "top-down below the limit, aligned to \(rounded) page(s) → pfn \(Hex.prefixed(pfn)), "
          + "IOVA \(Hex.prefixed(iova))-\(Hex.prefixed(iova + rounded * 4096 - 1))",
      addresses: [LogAddress(.iova, iova)])
    return iova
  }

  /// `iommu_map` of physically contiguous pieces at consecutive IOVAs from `iova` (each piece
  /// page-aligned, a whole number of pages). Returns false, with nothing left mapped, when a
  /// page was already mapped or no table page could be allocated.
  mutating func iommuMap(
    _ context: IOMMUContext, iova: UInt64, pieces: [(physical: PhysAddr, size: UInt64)],
    prot: IOMMUProtection
  ) -> Bool {
    var domain = iommus[context.iommu].domains[context.domain]
    var pages = self.allocators.pages
    if domain.pageTable == nil {
      guard let root = pages.allocatePage() else { return false }
      domain.pageTable = IOPageTable(root: root)
      log(
        .kernel, "alloc_io_pgtable_ops",
        "\(deviceName(domain.device)): ARM_64_LPAE_S1 page table, 4 levels of 4K, root (TTBR0) "
          + "at \(root.hex)")
    }
    guard var table = domain.pageTable else { return false }
    var at = iova
    var mapped: [UInt64] = []
    var tablesBefore = table.tables.count
    for piece in pieces {
      var offset: UInt64 = 0
      while offset < piece.size {
        guard
          table.mapPage(
            iova: at, physical: piece.physical.advanced(by: offset), prot: prot,
            allocateTable: { pages.allocatePage() })
        else {
          log(
            .kernel, "iommu_map",
            "iommu_map(\(Hex.prefixed(at))): -EEXIST or no memory for a table; unwinding")
          for page in mapped { _ = table.unmapPage(iova: page) }
          return false
        }
        mapped.append(at)
        offset += 4096
        at += 4096
      }
      let newTables = table.tables.count - tablesBefore
      tablesBefore = table.tables.count
      log(
        .kernel, "iommu_map",
        "iommu_map(\(deviceName(domain.device)), iova \(Hex.prefixed(at - piece.size)), paddr "
          + "\(piece.physical.hex), \(piece.size), \(prot.kernelText)): \(piece.size / 4096) "
          + "level-3 PTE(s)" + (prot.contains(.write) ? " read/write" : " read-only")
          + (newTables > 0 ? ", \(newTables) new table page(s)" : ""),
        addresses: [
          LogAddress(.iova, at - piece.size), LogAddress(.phys, piece.physical.rawValue),
        ]
      )
    }
    domain.pageTable = table
    domain.mappedPages += mapped.count
    iommus[context.iommu].domains[context.domain] = domain
    self.allocators.pages = pages
    return true
  }

  /// One past the last IOVA an ARM LPAE stage-1 table with 4 KiB pages translates (48 bits).
  static let iovaSpaceEnd: UInt64 = 1 << 48

  /// `__iommu_dma_unmap` in strict mode: `iommu_unmap_fast` clears the PTEs, `iommu_iotlb_sync`
  /// invalidates the IOTLB by VA and syncs, then `free_iova_fast` returns the IOVA range.
  mutating func iommuUnmap(_ context: IOMMUContext, iova: UInt64, size: UInt64) {
    let start = iova & ~0xfff
    // A handle the domain never gave out (DMA_MAPPING_ERROR, another device's address) can
    // reach past the 48-bit IOVA space: arm_lpae_unmap_pages (io-pgtable-arm.c) then
    // WARN_ON(iaext)s and unmaps nothing, and __iommu_dma_unmap WARNs that 0 != size.
    let (end, overflow) = iova.addingReportingOverflow(size)
    guard !overflow, end <= Self.iovaSpaceEnd else {
      log(
        .debug, "iommu_unmap",
        "WARNING: arm_lpae_unmap_pages: iova \(Hex.prefixed(start)) + \(size) is outside the "
          + "48-bit input address space (WARN_ON(iaext)): 0 bytes unmapped, WARN_ON(unmapped "
          + "!= size) in __iommu_dma_unmap",
        addresses: [LogAddress(.iova, start)])
      return
    }
    let length = ((end + 0xfff) & ~0xfff) - start
    var domain = iommus[context.iommu].domains[context.domain]
    var unmapped: UInt64 = 0
    var cleared: [UInt64] = []
    if var table = domain.pageTable {
      var at = start
      while at < start + length {
        if table.unmapPage(iova: at) {
          unmapped += 4096
          cleared.append(at)
        }
        at += 4096
      }
      domain.pageTable = table
    }
    domain.mappedPages -= Int(unmapped / 4096)
    log(
      .kernel, "iommu_unmap",
      "iommu_unmap(\(deviceName(domain.device)), iova \(Hex.prefixed(start)), \(length)) = "
        + "\(unmapped)" + (unmapped == length ? "" : " (WARN: expected \(length))"),
      addresses: [LogAddress(.iova, start)])
    let dropped = iommus[context.iommu].iotlb.invalidate(
      contextBank: domain.contextBank, iova: start, size: length)
    log(
      .hardware, "iotlb",
      "\(iommus[context.iommu].spec.kernelName): TLBIVA × \(length / 4096) for cb "
        + "\(domain.contextBank), TLBSYNC: \(dropped) cached translation(s) invalidated")
    logOtherRangesCleared(domain, start: start, cleared: cleared)
    freeIOVA(&domain, pfn: start >> 12, pages: length >> 12)
    iommus[context.iommu].domains[context.domain] = domain
  }

  /// `iommu_iova_to_phys`: the physical address behind an IOVA in a device's domain.
  func iovaToPhys(_ context: IOMMUContext, _ iova: UInt64) -> PhysAddr? {
    iommus[context.iommu].domains[context.domain].pageTable?.translate(iova)
  }
}
