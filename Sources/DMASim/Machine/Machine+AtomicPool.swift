extension Machine {
  /// kernel/dma/direct.c `dma_direct_alloc`: a non-coherent device needs its pages remapped
  /// uncached, which may sleep, so a gfp that may not block (`dma_direct_use_pool`) takes them
  /// from an atomic pool instead. Only for devices without an IOMMU, and only when boot placed
  /// the first pool `dma_guess_pool` picks (pools the buddy allocator gave have no place in
  /// the model: those allocations keep coming from the page allocator).
  func usesAtomicPool(_ spec: DeviceSpec, _ device: String, flags: GFPFlags) -> Bool {
    guard !spec.coherent, !flags.contains(.directReclaim), iommuContext(for: device) == nil,
      let first = atomicPoolOrder(for: device).first
    else { return false }
    return dma.atomicPools.contains { $0.pool.zone == first }
  }

  /// The kernel's `zone_dma_limit`: arm64 `zone_sizes_init` takes the tree's limit, capped at
  /// `U32_MAX` when DRAM starts below 4 GiB; ZONE_DMA itself (the board's `zoneDMALimit`) may
  /// end lower, where memory ends.
  var kernelZoneDMALimit: UInt64 {
    let lastByte = board.dram.map { $0.base &+ $0.size &- 1 }.max() ?? 0
    let start = board.dram.map(\.base).min() ?? 0
    if board.zoneDMALimit >= lastByte, start < 0xffff_ffff {
      return max(board.zoneDMALimit, 0xffff_ffff)
    }
    return board.zoneDMALimit
  }

  /// kernel/dma/pool.c `dma_guess_pool`, from NULL on: the pool the gfp
  /// `dma_direct_optimal_gfp_mask` gives for the coherent limit asks for first (`GFP_DMA` at
  /// or below `zone_dma_limit`, `GFP_DMA32` at or below 4 GiB, else the kernel pool), then the
  /// fallbacks (kernel → DMA32 or DMA, DMA32 → DMA).
  func atomicPoolOrder(for device: String) -> [AtomicPool.Zone] {
    let limit = physicalAddress(DMAAddr(reachLimit(device, coherent: true)), for: device)
    let hasDMA = board.atomicPools.contains { $0.zone == .dma }
    let hasDMA32 = board.atomicPools.contains { $0.zone == .dma32 }
    var order: [AtomicPool.Zone]
    if limit.rawValue <= 0xffff_ffff, limit.rawValue > kernelZoneDMALimit, hasDMA32 {
      order = [.dma32]
    } else if limit.rawValue <= kernelZoneDMALimit, hasDMA {
      order = [.dma]
    } else if limit.rawValue <= kernelZoneDMALimit, hasDMA32 {
      // GFP_DMA without a DMA pool: dma_guess_pool checks GFP_DMA32 first, then the kernel pool.
      order = [.kernel, .dma32]
    } else {
      order = [.kernel, hasDMA32 ? .dma32 : .dma]
    }
    if order.last == .dma32, hasDMA { order.append(.dma) }
    return order
  }

  /// `dma_direct_alloc_from_pool` → `dma_alloc_from_pool`: each pool in `dma_guess_pool`'s
  /// order, `gen_pool_alloc` and `dma_coherent_ok` (a block out of reach goes back); the CPU
  /// gets the pool's uncached remap, the device the block's bus address. NULL when no pool has
  /// room (the kernel then schedules a pool expansion, which the model does not).
  mutating func allocFromAtomicPool(
    _ device: String, _ spec: DeviceSpec, size: UInt64, function: String, result: String?,
    handle handleName: String
  ) {
    let bytes =
      (size + PhysicalMemory.pageSize - 1) / PhysicalMemory.pageSize
      * PhysicalMemory.pageSize
    for zone in atomicPoolOrder(for: device) {
      guard let index = dma.atomicPools.firstIndex(where: { $0.pool.zone == zone }),
        let physical = dma.atomicPools[index].allocate(bytes: bytes)
      else { continue }
      guard dmaCoherentOK(device, PhysAddr(physical), size: bytes) else {
        dma.atomicPools[index].free(physical: physical, bytes: bytes)
        continue
      }
      let remap = atomicPoolRemap(index)
      let virtual = VirtAddr(remap.rawValue + (physical - dma.atomicPools[index].base))
      let allocation = Allocation(
        id: run.nextID, name: result ?? "coherent\(run.nextID)", allocator: function,
        virtualAddress: virtual, physical: PhysAddr(physical), size: size,
        reservedSize: bytes, allocatedAtStep: stepCount)
      run.nextID += 1
      log(
        .kernel, function,
        "\(function)(\(spec.kernelName), \(size)): the gfp may not block, so "
          + "\(bytes / PhysicalMemory.pageSize) page(s) come from the atomic pool "
          + "\(dma.atomicPools[index].pool.gfp) (dma_direct_alloc_from_pool), already remapped "
          + "uncached at boot",
        subjects: [.allocation(allocation.id)])
      allocators.allocations.append(allocation)
      cpu.pending.append(
        .finishAllocCoherent(
          allocation, busAddress(PhysAddr(physical), for: device), result, handleName,
          device: device))
      return
    }
    log(
      .kernel, function,
      "\(function)(\(spec.kernelName), \(size)) = NULL: no atomic pool has \(bytes) bytes free")
    assign(.error(.null), to: result)
  }

  /// The pool's `dma_common_contiguous_remap` (MT_NORMAL_NC, 4 KiB entries), mapped the first
  /// time the pool is used so that boards that never use it keep their vmalloc layout.
  mutating func atomicPoolRemap(_ index: Int) -> VirtAddr {
    if let remap = dma.atomicPools[index].remap { return remap }
    let remap = VirtAddr(allocators.nextVmalloc)
    allocators.nextVmalloc += dma.atomicPools[index].pool.size + PhysicalMemory.pageSize
    memory.pageTable.add(
      KernelMapping(
        name: "atomic pool \(dma.atomicPools[index].pool.gfp)", virtualBase: remap,
        physicalBase: PhysAddr(dma.atomicPools[index].base), size: dma.atomicPools[index].pool.size,
        memoryType: .normalNonCacheable, granule: PhysicalMemory.pageSize))
    dma.atomicPools[index].remap = remap
    return remap
  }

  /// `dma_free_from_pool` (kernel/dma/pool.c): a block of an atomic pool goes back to it
  /// (`gen_pool_free`); false for any other memory.
  mutating func releaseToAtomicPool(_ allocation: Allocation) -> Bool {
    guard
      let index = dma.atomicPools.firstIndex(where: { $0.contains(allocation.physical.rawValue) })
    else { return false }
    dma.atomicPools[index].free(
      physical: allocation.physical.rawValue, bytes: allocation.reservedSize)
    log(
      .kernel, "dma_free_coherent",
      "\(allocation.reservedSize / PhysicalMemory.pageSize) page(s) back to the atomic pool "
        + "\(dma.atomicPools[index].pool.gfp) (dma_free_from_pool)",
      subjects: [.allocation(allocation.id)])
    return true
  }
}
