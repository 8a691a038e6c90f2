extension Machine {
  /// The prep of an LLI controller's driver: one linked-list item per segment, taken from the
  /// driver's `dma_pool` and written by the CPU through its mapping of the pool (so the cache
  /// and memory-attribute rules apply to them like to any other store). Returns false (and the
  /// prep returns NULL) when the pool cannot grow or a segment is too long for one item.
  mutating func writeLLIs(
    _ descriptor: inout Descriptor, _ controller: Int, _ channel: Int
  ) -> Bool {
    guard engine.controllers[controller].capabilities.hardwareLLI, !descriptor.kind.isCyclic else {
      return true
    }
    let pairs = lliPairs(descriptor)
    let name = engine.controllers[controller].name
    if let long = pairs.first(where: { $0.length > UInt64(LinkedListItem.lengthMask) }) {
      log(
        .kernel, "dma_pool_alloc",
        "\(name): a segment of \(long.length) bytes does not fit one LLI (at most "
          + "\(LinkedListItem.lengthMask) bytes) = NULL")
      return false
    }
    var blocks: [(VirtAddr, PhysAddr, MemoryType)] = []
    for _ in pairs {
      guard let block = allocateLLI(controller) else {
        for (_, physical, _) in blocks {
          engine.lliPools[controller].free(DMAAddr(physical.rawValue))
        }
        log(.kernel, "dma_pool_alloc", "\(name): lli pool exhausted = NULL")
        return false
      }
      blocks.append(block)
    }
    // The items link by bus address (the controller's dma-ranges offset taken off).
    let offset = masterOffset(controller, nil)
    let bus = blocks.map { DMAAddr($0.1.rawValue &- offset) }
    var words: [String] = []
    for (index, pair) in pairs.enumerated() {
      let last = index == pairs.count - 1
      var control = UInt32(pair.length) | pair.flags
      if last { control |= LinkedListItem.interruptEnable }
      let item = LinkedListItem(
        source: UInt32(truncatingIfNeeded: pair.source),
        destination: UInt32(truncatingIfNeeded: pair.destination),
        next: last ? 0 : UInt32(truncatingIfNeeded: bus[index + 1].rawValue),
        control: control)
      let (virtual, physical, type) = blocks[index]
      cpu.pending.append(.store(virtual, physical, item.bytes, type))
      if index < 3 { words.append("[\(physical.hex)] \(item.text)") }
    }
    descriptor.lliAddresses = bus
    let more = pairs.count > 3 ? "; …" : ""
    log(
      .kernel, "dma_pool_alloc",
      "\(name): txd \(descriptor.label) needs \(pairs.count) LLI(s) from its dma_pool; the CPU "
        + "writes them through \(blocks[0].2.kernelName): " + words.joined(separator: "; ") + more,
      subjects: txdSubjects(controller, channel, [descriptor.id]))
    return true
  }

  /// Frees a descriptor's LLIs back to the pool (`dma_pool_free` in the driver's desc_free).
  mutating func freeLLIs(_ descriptor: Descriptor, _ controller: Int) {
    let offset = masterOffset(controller, nil)
    for address in descriptor.lliAddresses {
      engine.lliPools[controller].free(DMAAddr(address.rawValue &+ offset))
    }
  }

  /// Source, destination, length and increment flags of each item a descriptor needs.
  private func lliPairs(_ descriptor: Descriptor) -> [(
    source: UInt64, destination: UInt64, length: UInt64, flags: UInt32
  )] {
    let device = descriptor.deviceAddress?.rawValue ?? 0
    let both = LinkedListItem.sourceIncrement | LinkedListItem.destinationIncrement
    switch (descriptor.kind, descriptor.direction) {
    case (.memcpy(let destination), _):
      var offset: UInt64 = 0
      return descriptor.segments.map { segment in
        defer { offset += segment.length }
        return (segment.address.rawValue, destination.rawValue + offset, segment.length, both)
      }
    case (.interleaved(let destination), _):
      return zip(descriptor.segments, destination).map {
        ($0.address.rawValue, $1.address.rawValue, $0.length, both)
      }
    case (_, .devToMem):
      return descriptor.segments.map {
        (device, $0.address.rawValue, $0.length, LinkedListItem.destinationIncrement)
      }
    default:
      return descriptor.segments.map {
        ($0.address.rawValue, device, $0.length, LinkedListItem.sourceIncrement)
      }
    }
  }

  /// `dma_pool_alloc`, growing the pool by one coherent page when it is full: the page comes
  /// from the page allocator and, for a non-coherent controller, is remapped non-cacheable
  /// after its linear alias is cleaned (as `dma_alloc_coherent` does).
  private mutating func allocateLLI(_ controller: Int) -> (VirtAddr, PhysAddr, MemoryType)? {
    while engine.lliPools.count < engine.controllers.count { engine.lliPools.append(LLIPool()) }
    if let block = engine.lliPools[controller].allocate() { return block }
    guard let physical = allocators.pages.allocateContiguous(pages: 1),
      let linear = memory.pageTable.linearAddress(of: physical)
    else { return nil }
    let name = engine.controllers[controller].name
    let coherent = board.device(named: name)?.coherent ?? false
    var virtual = linear
    var type = MemoryType.normalWriteBack
    if !coherent {
      virtual = VirtAddr(allocators.nextVmalloc)
      allocators.nextVmalloc += 2 * PhysicalMemory.pageSize
      type = .normalNonCacheable
      memory.pageTable.add(
        KernelMapping(
          name: "\(name) lli pool", virtualBase: virtual, physicalBase: physical,
          size: PhysicalMemory.pageSize, memoryType: type, granule: PhysicalMemory.pageSize))
      queueMaintenance(.clean, physical, PhysicalMemory.pageSize)
    }
    allocators.allocations.append(
      Allocation(
        id: run.nextID, name: "\(name) lli pool", allocator: "dma_pool_alloc",
        virtualAddress: virtual,
        physical: physical, size: PhysicalMemory.pageSize, reservedSize: PhysicalMemory.pageSize,
        allocatedAtStep: stepCount))
    run.nextID += 1
    engine.lliPools[controller].pages.append(
      LLIPool.Page(
        virtual: virtual, physical: physical, memoryType: type,
        used: Array(repeating: false, count: LLIPool.blocksPerPage)))
    log(
      .kernel, "dma_pool_create",
      "\(name): lli pool grows by a coherent page at \(physical.hex), CPU mapping "
        + "\(virtual.hex) (\(type.kernelName))")
    return engine.lliPools[controller].allocate()
  }
}
