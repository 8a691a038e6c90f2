extension Machine {
  /// Runs the `dma_pool_*` calls.
  mutating func executePoolCall(_ action: Action) {
    switch action.operation {
    case .dmaPoolCreate(let name, let device, let size, let align, let boundary):
      dmaPoolCreate(
        name, device, size: size, align: align, boundary: boundary, result: action.result)
    case .dmaPoolAlloc(let pool, let flags, let handle, let zero):
      dmaPoolAlloc(pool, flags: flags, handle: handle, zero: zero, result: action.result)
    case .dmaPoolFree(let pool, let pointer, let handle): dmaPoolFree(pool, pointer, handle)
    case .dmaPoolDestroy(let pool): dmaPoolDestroy(pool)
    default: break
    }
  }

  /// `dma_pool_create`: NULL for a non-power-of-two `align`, a size of 0 or above `INT_MAX`,
  /// or a boundary that is not a power of two at least as large as the block.
  mutating func dmaPoolCreate(
    _ name: String, _ device: String, size: UInt64, align: UInt64, boundary: UInt64,
    result: String?
  ) {
    guard let spec = board.device(named: device) else { return }
    let call =
      "dma_pool_create(\"\(name)\", \(spec.kernelName), \(size), \(align), \(boundary))"
    guard size <= UInt64(Int32.max), align <= 1 << 30, boundary <= 1 << 40,
      let pool = DMAPool(name: name, size: Int(size), align: Int(align), boundary: Int(boundary))
    else {
      log(
        .kernel, "dma_pool_create", "\(call) = NULL",
        detail: "align must be a power of two (0 means 1), size between 1 and INT_MAX, and a "
          + "boundary (0 means none) a power of two no smaller than the block.")
      assign(.error(.null), to: result)
      return
    }
    let id = (dma.dmaPools.map(\.id).max() ?? 0) + 1
    dma.dmaPools.append(LiveDMAPool(id: id, device: device, pool: pool))
    assign(.dmaPool(id), to: result)
    let perChunk = pool.carve().count
    log(
      .kernel, "dma_pool_create",
      "\(call) = pool\(id): \(pool.size)-byte blocks, \(perChunk) per \(pool.allocation)-byte "
        + "chunk"
        + (pool.boundary < pool.allocation
          ? ", none crossing a \(pool.boundary)-byte "
            + "boundary" : ""),
      detail: "Chunks come from dma_alloc_coherent when the free list is empty and stay with "
        + "the pool until dma_pool_destroy.")
  }

  /// The live pool an operand names, logging misuse.
  mutating func livePool(_ operand: Operand, _ function: String) -> Int? {
    guard let value = resolve(operand, for: function) else { return nil }
    guard case .dmaPool(let id) = value, let index = dma.dmaPools.firstIndex(where: { $0.id == id })
    else {
      log(.debug, function, "\(function)(\(value.text)): not a dma_pool")
      return nil
    }
    guard !dma.dmaPools[index].destroyed else {
      log(
        .debug, function, "\(function)(pool\(id)): the pool was destroyed",
        detail: "Using a pool after dma_pool_destroy is a use-after-free in the kernel.")
      return nil
    }
    return index
  }

  /// `dma_pool_alloc` / `dma_pool_zalloc`: the free-list head, or a new chunk from
  /// `dma_alloc_coherent` (carved into blocks) when the list is empty.
  mutating func dmaPoolAlloc(
    _ operand: Operand, flags: GFPFlags, handle: String, zero: Bool, result: String?
  ) {
    let function = zero ? "dma_pool_zalloc" : "dma_pool_alloc"
    guard let index = livePool(operand, function) else { return }
    let pool = dma.dmaPools[index]
    guard pool.pool.freeList.isEmpty else {
      finishPoolAlloc(index, chunk: nil, result: result, handle: handle, zero: zero)
      return
    }
    guard let spec = board.device(named: pool.device),
      let chunk = coherentChunk(spec, bytes: UInt64(pool.pool.allocation), flags: flags)
    else {
      log(
        .kernel, function,
        "\(function)(\(pool.pool.name)) = NULL: dma_alloc_coherent found no chunk")
      assign(.error(.null), to: result)
      return
    }
    cpu.pending.append(
      .finishPoolAlloc(pool: index, chunk: chunk, result: result, handle: handle, zero: zero))
  }

  /// A chunk for a pool, as `dma_alloc_coherent` makes it: the device's own pool first, then
  /// CMA or the page allocator with a non-cacheable remap for a non-coherent device (the
  /// linear alias is cleaned first). Zeroing happens in `finishPoolAlloc`.
  mutating func coherentChunk(_ spec: DeviceSpec, bytes: UInt64, flags: GFPFlags)
    -> LiveDMAPool.Chunk?
  {
    let device = spec.name
    var physical: PhysAddr
    var virtual: VirtAddr
    var handle: DMAAddr
    var fromDevicePool = false
    var area: String?
    var source: String
    if let index = dma.coherentPools.firstIndex(where: { $0.devices.contains(device) }) {
      guard let block = dma.coherentPools[index].pool.allocate(size: bytes) else { return nil }
      physical = PhysAddr(block.physical)
      virtual = dma.coherentPools[index].virtualBase.advanced(
        by: block.physical - dma.coherentPools[index].pool.physicalBase)
      handle = DMAAddr(block.device)
      fromDevicePool = true
      source = "per-device pool \(dma.coherentPools[index].name)"
    } else {
      let pageCount = (bytes + PhysicalMemory.pageSize - 1) / PhysicalMemory.pageSize
      let found = directAllocPages(device, spec, pageCount: pageCount, flags: flags)
      guard let pages = found.0, let linear = memory.pageTable.linearAddress(of: pages) else {
        return nil
      }
      physical = pages
      virtual = linear
      handle = busAddress(pages, for: device)
      area = found.2
      source = found.1
      if !spec.coherent {
        virtual = VirtAddr(allocators.nextVmalloc)
        allocators.nextVmalloc += pageCount * PhysicalMemory.pageSize + PhysicalMemory.pageSize
        memory.pageTable.add(
          KernelMapping(
            name: "dma_alloc_coherent remap", virtualBase: virtual, physicalBase: pages,
            size: pageCount * PhysicalMemory.pageSize, memoryType: .normalNonCacheable,
            granule: PhysicalMemory.pageSize))
        queueMaintenance(.clean, pages, pageCount * PhysicalMemory.pageSize)
      }
    }
    let allocation = Allocation(
      id: run.nextID, name: "dma_pool chunk \(run.nextID)", allocator: "dma_alloc_coherent",
      virtualAddress: virtual, physical: physical, size: bytes,
      reservedSize: (bytes + PhysicalMemory.pageSize - 1) / PhysicalMemory.pageSize
        * PhysicalMemory.pageSize, allocatedAtStep: stepCount, cmaArea: area)
    run.nextID += 1
    allocators.allocations.append(allocation)
    log(
      .kernel, "dma_alloc_coherent",
      "dma_alloc_coherent(\(spec.kernelName), \(bytes)) for a dma_pool chunk: from \(source); "
        + "CPU \(virtual.hex), dma \(handle.hex)"
        + (spec.coherent || fromDevicePool
          ? "" : " (MT_NORMAL_NC remap; the linear alias is cleaned first)"))
    return LiveDMAPool.Chunk(virtualAddress: virtual, handle: handle, allocation: allocation.id)
  }

  /// Zeroes a new chunk through its mapping (`dma_alloc_coherent`'s memset), adds it to the
  /// pool, pops the free-list head and hands out both addresses.
  mutating func finishPoolAlloc(
    _ index: Int, chunk: LiveDMAPool.Chunk?, result: String?, handle handleName: String,
    zero: Bool
  ) {
    let function = zero ? "dma_pool_zalloc" : "dma_pool_alloc"
    let device = dma.dmaPools[index].device
    if let chunk,
      let allocation = allocators.allocations.first(where: { $0.id == chunk.allocation })
    {
      zeroThroughMapping(chunk.virtualAddress, allocation.physical, allocation.reservedSize)
      if !dma.isDevicePoolMemory(allocation.physical) {
        logDebug(
          dma.dmaDebug.allocCoherent(
            id: allocation.id, device: debugDevice(device), size: allocation.size,
            dmaAddress: chunk.handle, physical: allocation.physical, step: stepCount))
      }
      dma.dmaPools[index].chunks.append(chunk)
    }
    var pool = dma.dmaPools[index].pool
    let block = pool.allocate { _ in chunk.map { $0.handle.rawValue } }
    dma.dmaPools[index].pool = pool
    guard let block, let owner = dma.dmaPools[index].chunk(containing: DMAAddr(block)),
      let allocation = allocators.allocations.first(where: { $0.id == owner.allocation })
    else {
      assign(.error(.null), to: result)
      log(.kernel, function, "\(function)(\(pool.name)) = NULL")
      return
    }
    let offset = block - owner.handle.rawValue
    let virtual = owner.virtualAddress.advanced(by: offset)
    let physical = allocation.physical.advanced(by: offset)
    if zero { zeroThroughMapping(virtual, physical, UInt64(pool.size)) }
    assign(.pointer(virtual), to: result)
    assign(.dmaAddress(DMAAddr(block)), to: handleName)
    log(
      .kernel, function,
      "\(function)(\(pool.name)) = \(virtual.hex), \(handleName) = \(Hex.prefixed(block)) "
        + "(block at offset \(offset) of its chunk; \(pool.active) of \(pool.totalBlocks) "
        + "blocks in use)" + (zero ? ", zeroed" : ""),
      addresses: [LogAddress(.virt, virtual.rawValue), LogAddress(.dmaAddr, block)])
  }

  /// Writes zeros through a CPU mapping: the cache for a cacheable one; for a bufferable
  /// (Normal-NC) one a block's stores join the write buffer like any other store, while a
  /// fresh chunk (never stored to through this mapping) goes to RAM at once; else RAM.
  mutating func zeroThroughMapping(_ virtual: VirtAddr, _ physical: PhysAddr, _ count: UInt64) {
    let type = memory.pageTable.translate(virtual)?.mapping.memoryType
    if type?.isCacheable == true {
      for (_, pa, length) in lineChunks(virtual, physical, count: count) {
        noteCacheAccess(
          memory.cache.write(
            pa, bytes: [UInt8](repeating: 0, count: length), ram: &memory.ram, step: stepCount))
      }
    } else if let type, type.isBufferable, count < PhysicalMemory.pageSize {
      for (_, pa, length) in lineChunks(virtual, physical, count: count) {
        bufferedStore(pa, [UInt8](repeating: 0, count: length), type)
      }
    } else {
      memory.ram.write(physical, bytes: [UInt8](repeating: 0, count: Int(count)))
      memory.writeBuffer.overwrite(physical, count: count, with: 0)
    }
  }

  /// `dma_pool_free`: the block goes back on the free-list head (chunks stay with the pool).
  mutating func dmaPoolFree(_ operand: Operand, _ pointer: Operand, _ handle: Operand) {
    guard let index = livePool(operand, "dma_pool_free"),
      let pointerValue = resolve(pointer, for: "dma_pool_free"),
      let handleValue = resolve(handle, for: "dma_pool_free")
    else { return }
    guard case .dmaAddress(let handleAddress) = handleValue else {
      log(.debug, "dma_pool_free", "\(handle.text) is \(handleValue.text), not a dma_addr_t")
      return
    }
    var pool = dma.dmaPools[index].pool
    if let problem = pool.free(handleAddress.rawValue) {
      let spec = board.device(named: dma.dmaPools[index].device)
      log(
        .debug, "dma_pool_free", "\(spec?.kernelName ?? ""): \(problem)",
        detail: "The block was not handed out by this pool, or it was freed already; the kernel "
          + "reports it and leaves the free list alone.")
      return
    }
    dma.dmaPools[index].pool = pool
    log(
      .kernel, "dma_pool_free",
      "dma_pool_free(\(pool.name), \(pointerValue.text), \(handleAddress.hex)): back on the free list "
        + "head; \(pool.active) of \(pool.totalBlocks) blocks in use")
  }

  /// `dma_pool_destroy`: with blocks in use the kernel says so and leaks the chunks; else
  /// every chunk goes back through `dma_free_coherent`.
  mutating func dmaPoolDestroy(_ operand: Operand) {
    guard let index = livePool(operand, "dma_pool_destroy") else { return }
    var pool = dma.dmaPools[index].pool
    let device = dma.dmaPools[index].device
    let spec = board.device(named: device)
    dma.dmaPools[index].destroyed = true
    if let busy = pool.destroy() {
      log(
        .debug, "dma_pool_destroy", "\(spec?.driverName ?? "") \(spec?.kernelName ?? ""): \(busy)",
        detail: "\(pool.active) block(s) are still allocated. dma_pool_destroy frees its "
          + "bookkeeping but leaks the \(dma.dmaPools[index].chunks.count) coherent chunk(s): a "
          + "driver must dma_pool_free every block first.")
      dma.dmaPools[index].pool = pool
      return
    }
    dma.dmaPools[index].pool = pool
    for chunk in dma.dmaPools[index].chunks {
      guard let found = allocators.allocations.firstIndex(where: { $0.id == chunk.allocation })
      else {
        continue
      }
      releaseCoherent(found, device, size: allocators.allocations[found].size, bus: chunk.handle)
    }
    dma.dmaPools[index].chunks = []
    log(.kernel, "dma_pool_destroy", "dma_pool_destroy(\(pool.name)): every chunk freed")
  }
}
