extension Machine {
  /// The page orders `__iommu_dma_alloc_pages` tries, largest first: the domain's
  /// `pgsize_bitmap` (4K | 2M | 1G for an LPAE stage-1 table with 4K granules) shifted by
  /// `PAGE_SHIFT` and capped at `MAX_PAGE_ORDER`, so order 9 (2 MiB) and order 0.
  static let iommuAllocOrders = [9, 0]

  /// `iommu_dma_alloc` with a blocking gfp and no `DMA_ATTR_FORCE_CONTIGUOUS`:
  /// `iommu_dma_alloc_remap`. The pages need not be contiguous: `__iommu_dma_alloc_pages`
  /// takes them in the largest orders it can (`split_page` makes them single pages), zeroed
  /// through the cacheable linear map (`__GFP_ZERO`); `iommu_dma_alloc_iova` below the coherent
  /// mask; `arch_dma_prep_coherent` (`dc cvac` since v6.4, `dc civac` in v6.1) on every run of contiguous
  /// pages for a non-coherent device; `iommu_map_sg` makes them contiguous in IOVA; and
  /// `dma_common_pages_remap` maps them contiguously in the vmalloc area with `dma_pgprot`:
  /// Normal-NC for a non-coherent device, cacheable for a coherent one.
  mutating func iommuDMAAllocRemap(
    _ context: IOMMUContext, _ spec: DeviceSpec, size: UInt64, function: String,
    result: String?, handle handleName: String
  ) {
    let count = Int((size + PhysicalMemory.pageSize - 1) / PhysicalMemory.pageSize)
    let bytes = UInt64(count) * PhysicalMemory.pageSize
    var allocator = allocators.pages
    var gathered: [PhysAddr] = []
    var orders: [Int] = []
    while gathered.count < count {
      var got = false
      for order in Self.iommuAllocOrders where 1 << order <= count - gathered.count {
        let chunk = 1 << order
        let first =
          order == 0 ? allocator.allocatePage() : allocator.allocateContiguous(pages: chunk)
        guard let first else { continue }
        gathered += (0..<chunk).map { first.advanced(by: UInt64($0) << 12) }
        orders.append(order)
        got = true
        break
      }
      guard got else {
        log(
          .kernel, function,
          "\(function)(\(spec.kernelName), \(size)) = NULL: __iommu_dma_alloc_pages found no "
            + "memory")
        assign(.error(.null), to: result)
        return
      }
    }
    allocators.pages = allocator
    let runs = Self.contiguousRuns(gathered)
    let prot = IOMMUProtection.forDMA(.bidirectional, coherent: spec.coherent)
    log(
      .kernel, "iommu_dma_alloc",
      "\(function)(\(spec.kernelName), \(size)) → iommu_dma_alloc_remap: \(count) page(s) in "
        + "\(orders.count) allocation(s) of order \(Self.orderSummary(orders)) → \(runs.count) "
        + "physically contiguous run(s): "
        + runs.map { "\($0.physical.hex)+\(Hex.prefixed($0.size))" }.joined(separator: ", "),
      detail: "With a blocking gfp, dma-iommu never needs contiguous memory: the IOMMU makes the "
        + "pages contiguous for the device and a vmalloc-area remap makes them contiguous for the "
        + "CPU. Higher orders are only a convenience (__GFP_NORETRY).")
    // __GFP_ZERO: clear_page through the cacheable linear map.
    for run in runs {
      guard let linear = memory.pageTable.linearAddress(of: run.physical) else { continue }
      for (_, pa, length) in lineChunks(linear, run.physical, count: run.size) {
        noteCacheAccess(
          memory.cache.write(
            pa, bytes: [UInt8](repeating: 0, count: length), ram: &memory.ram, step: stepCount))
      }
    }
    guard let iova = allocIOVA(context, size: bytes, dmaLimit: dmaLimit(spec, coherent: true))
    else {
      for page in gathered { allocators.pages.free(page) }
      log(.kernel, function, "\(function)(\(spec.kernelName), \(size)) = NULL: no IOVA space")
      assign(.error(.null), to: result)
      return
    }
    if !spec.coherent {
      log(
        .kernel, "arch_dma_prep_coherent",
        "arch_dma_prep_coherent on \(runs.count) run(s): "
          + "\(board.kernel.prepCoherentRoutine.kernelName) of the linear "
          + "alias, so no dirty zero line can later be evicted over the device's data",
        subjects: [.maintenance(board.kernel.prepCoherentRoutine)])
      let kind: CacheOperation = board.kernel.prepCoherentInvalidates ? .cleanInvalidate : .clean
      for run in runs { queueMaintenance(kind, run.physical, run.size) }
    }
    guard iommuMap(context, iova: iova, pieces: runs, prot: prot) else {
      releaseIOVA(context, iova: iova, size: bytes)
      for page in gathered { allocators.pages.free(page) }
      log(.kernel, function, "\(function)(\(spec.kernelName), \(size)) = NULL: iommu_map_sg failed")
      assign(.error(.null), to: result)
      return
    }
    let memoryType: MemoryType = spec.coherent ? .normalWriteBack : .normalNonCacheable
    let virtual = VirtAddr(allocators.nextVmalloc)
    allocators.nextVmalloc += bytes + PhysicalMemory.pageSize  // a guard page between remaps
    var at = virtual
    for run in runs {
      memory.pageTable.add(
        KernelMapping(
          name: Self.remapName(virtual), virtualBase: at, physicalBase: run.physical,
          size: run.size, memoryType: memoryType, granule: PhysicalMemory.pageSize))
      at = at.advanced(by: run.size)
    }
    log(
      .kernel, "dma_common_pages_remap",
      "dma_common_pages_remap: \(virtual.hex)–\(at.advanced(by: ~0).hex) maps the \(count) "
        + "page(s) in order as \(memoryType.kernelName) with 4K pages; IOVA "
        + "\(Hex.prefixed(iova)) maps them in the same order, prot \(prot.kernelText)",
      detail: "The device sees one contiguous IOVA range, the CPU one contiguous virtual range; "
        + "physically the pages may lie anywhere. The linear map still aliases each page "
        + "cacheably.",
      addresses: [LogAddress(.virt, virtual.rawValue), LogAddress(.iova, iova)])
    let allocation = Allocation(
      id: run.nextID, name: result ?? "coherent\(run.nextID)", allocator: function,
      virtualAddress: virtual, physical: gathered[0], size: size, reservedSize: bytes,
      allocatedAtStep: stepCount)
    run.nextID += 1
    allocators.allocations.append(allocation)
    cpu.pending.append(
      .iommu(.finishAllocRemap(allocation, DMAAddr(iova), result, handleName, device: spec.name)))
  }

  /// The end of `iommu_dma_alloc_remap`: the caller gets both addresses and dma-debug records
  /// a coherent entry (the buffer is already zero: `__GFP_ZERO`).
  mutating func finishAllocRemap(
    _ allocation: Allocation, _ handle: DMAAddr, result: String?, handleName: String,
    device: String
  ) {
    assign(.pointer(allocation.virtualAddress), to: result)
    assign(.dmaAddress(handle), to: handleName)
    logDebug(
      dma.dmaDebug.allocCoherent(
        id: allocation.id, device: debugDevice(device), size: allocation.size,
        dmaAddress: handle, physical: allocation.physical, step: stepCount))
    log(
      .kernel, allocation.allocator,
      "= \(allocation.virtualAddress.hex), \(handleName) = \(Hex.prefixed(handle.rawValue)) "
        + "(IOVA; the pages were zeroed when allocated)",
      addresses: [
        LogAddress(.virt, allocation.virtualAddress.rawValue),
        LogAddress(.dmaAddr, handle.rawValue),
      ])
  }

  /// The freeing half of `iommu_dma_free` for an `iommu_dma_alloc_remap` buffer (the IOVA is
  /// already unmapped): `dma_common_free_remap`, then every page back one by one
  /// (`__iommu_dma_free_pages`). False when the allocation is not such a remap.
  mutating func releaseIOMMURemap(_ allocation: Allocation) -> Bool {
    let name = Self.remapName(allocation.virtualAddress)
    let runs = memory.pageTable.mappings.filter { $0.name == name }
    guard !runs.isEmpty else { return false }
    for run in runs {
      _ = memory.pageTable.remove(startingAt: run.virtualBase)
      freePages(run.physicalBase, count: run.size / PhysicalMemory.pageSize)
    }
    log(
      .kernel, "dma_free_coherent",
      "dma_common_free_remap(\(allocation.virtualAddress.hex)); __iommu_dma_free_pages: "
        + "\(allocation.reservedSize / PhysicalMemory.pageSize) page(s) back to the page "
        + "allocator")
    return true
  }

  /// The name of the vmalloc-area mappings of one `iommu_dma_alloc_remap` buffer.
  static func remapName(_ virtual: VirtAddr) -> String { remapNamePrefix + virtual.hex }

  /// What the names of `iommu_dma_alloc_remap` mappings start with.
  static let remapNamePrefix = "iommu_dma_alloc_remap "

  /// Pages in order, grouped into runs of physically consecutive pages (what
  /// `sg_alloc_table_from_pages` makes of them).
  static func contiguousRuns(_ pages: [PhysAddr]) -> [(physical: PhysAddr, size: UInt64)] {
    var runs: [(physical: PhysAddr, size: UInt64)] = []
    for page in pages {
      if let last = runs.last, last.physical.advanced(by: last.size) == page {
        runs[runs.count - 1].size += PhysicalMemory.pageSize
      } else {
        runs.append((page, PhysicalMemory.pageSize))
      }
    }
    return runs
  }

  /// `0 ×3, 9 ×1`-style summary of the orders used.
  private static func orderSummary(_ orders: [Int]) -> String {
    Set(orders).sorted(by: >).map { order in
      "\(order) ×\(orders.filter { $0 == order }.count)"
    }.joined(separator: ", ")
  }
}
