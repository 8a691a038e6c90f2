extension IOMMU {
  /// One past the last IOVA an ARM LPAE stage-1 table with 4 KiB pages translates (48 bits).
  static let iovaSpaceEnd: UInt64 = 1 << 48

  /// `iommu_dma_alloc_iova`: `size` bytes (a multiple of the granule) of IOVA space in domain
  /// `index` at or below the device's limit (its mask, capped by the aperture), through
  /// `alloc_iova_fast`.
  mutating func allocIOVA(
    domain index: Int, size: UInt64, dmaLimit: UInt64, bus: inout some IOMMUBus
  ) -> UInt64? {
    let limit = min(dmaLimit, apertureEnd)
    let pages = size >> 12
    let rounded =
      pages < 1 << (IOVADomain.rangeCacheMaxOrder - 1)
      ? IOVADomain.roundUpPowerOfTwo(pages) : pages
    let result = domains[index].iovad.allocate(pages: pages, limitPFN: limit >> 12)
    let sizeText =
      rounded == pages ? "\(pages) page(s)" : "\(pages) page(s) rounded up to \(rounded)"
    guard let (pfn, fromCache) = result else {
      bus.log(
        .kernel, "alloc_iova",
        "alloc_iova_fast(\(sizeText), limit pfn \(Hex.prefixed(limit >> 12))) failed: no free "
          + "IOVA space below the limit")
      return nil
    }
    let iova = pfn << 12
    bus.log(
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

  /// Gives back an IOVA range a failed map allocated (`free_iova_fast`, nothing logged).
  mutating func releaseIOVA(domain index: Int, iova: UInt64, size: UInt64) {
    _ = domains[index].iovad.free(pfn: iova >> 12, pages: size >> 12)
  }

  /// `iommu_map` of physically contiguous pieces at consecutive IOVAs from `iova` in domain
  /// `index` (each piece page-aligned, a whole number of pages). Returns false, with nothing
  /// left mapped and no table page kept, when a page was already mapped or no table page
  /// could be allocated.
  mutating func map(
    domain index: Int, iova: UInt64, pieces: [(physical: PhysAddr, size: UInt64)],
    prot: IOMMUProtection, bus: inout some IOMMUBus
  ) -> Bool {
    var domain = domains[index]
    var pages = bus.tablePages
    if domain.pageTable == nil {
      guard let root = pages.allocatePage() else { return false }
      domain.pageTable = IOPageTable(root: root)
      bus.log(
        .kernel, "alloc_io_pgtable_ops",
        "\(bus.deviceName(domain.device)): ARM_64_LPAE_S1 page table, 4 levels of 4K, root "
          + "(TTBR0) at \(root.hex)")
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
          bus.log(
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
      bus.log(
        .kernel, "iommu_map",
        "iommu_map(\(bus.deviceName(domain.device)), iova \(Hex.prefixed(at - piece.size)), "
          + "paddr \(piece.physical.hex), \(piece.size), \(prot.kernelText)): "
          + "\(piece.size / 4096) level-3 PTE(s)"
          + (prot.contains(.write) ? " read/write" : " read-only")
          + (newTables > 0 ? ", \(newTables) new table page(s)" : ""),
        addresses: [
          LogAddress(.iova, at - piece.size), LogAddress(.phys, piece.physical.rawValue),
        ]
      )
    }
    domain.pageTable = table
    domain.mappedPages += mapped.count
    domains[index] = domain
    bus.tablePages = pages
    return true
  }

  /// `__iommu_dma_unmap` in strict mode on domain `index`: `iommu_unmap_fast` clears the
  /// PTEs, `iommu_iotlb_sync` invalidates the IOTLB by VA and syncs, then `free_iova_fast`
  /// returns the IOVA range.
  mutating func unmap(domain index: Int, iova: UInt64, size: UInt64, bus: inout some IOMMUBus) {
    let start = iova & ~0xfff
    // A handle the domain never gave out (DMA_MAPPING_ERROR, another device's address) can
    // reach past the 48-bit IOVA space: arm_lpae_unmap_pages (io-pgtable-arm.c) then
    // WARN_ON(iaext)s and unmaps nothing, and __iommu_dma_unmap WARNs that 0 != size.
    let (end, overflow) = iova.addingReportingOverflow(size)
    guard !overflow, end <= Self.iovaSpaceEnd else {
      bus.log(
        .debug, "iommu_unmap",
        "WARNING: arm_lpae_unmap_pages: iova \(Hex.prefixed(start)) + \(size) is outside the "
          + "48-bit input address space (WARN_ON(iaext)): 0 bytes unmapped, WARN_ON(unmapped "
          + "!= size) in __iommu_dma_unmap",
        addresses: [LogAddress(.iova, start)])
      return
    }
    let length = ((end + 0xfff) & ~0xfff) - start
    var domain = domains[index]
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
    bus.log(
      .kernel, "iommu_unmap",
      "iommu_unmap(\(bus.deviceName(domain.device)), iova \(Hex.prefixed(start)), \(length)) = "
        + "\(unmapped)" + (unmapped == length ? "" : " (WARN: expected \(length))"),
      addresses: [LogAddress(.iova, start)])
    let dropped = iotlb.invalidate(contextBank: domain.contextBank, iova: start, size: length)
    bus.log(
      .hardware, "iotlb",
      "\(spec.kernelName): TLBIVA × \(length / 4096) for cb "
        + "\(domain.contextBank), TLBSYNC: \(dropped) cached translation(s) invalidated")
    domain.logOtherRangesCleared(start: start, cleared: cleared, bus: &bus)
    domain.freeIOVA(pfn: start >> 12, pages: length >> 12, bus: &bus)
    domains[index] = domain
  }
}
