/// The three views of a byte range: what the CPU reads, what RAM holds, what a device reads.
public struct ByteViews: Hashable, Sendable {
  /// One byte as each observer sees it.
  public struct Triple: Hashable, Sendable {
    /// What a CPU load returns (through the cache when the CPU's mapping is cacheable).
    public var cpu: UInt8
    /// What DRAM holds.
    public var ram: UInt8
    /// What the device's DMA reads (RAM, or the cache snooped for a `dma-coherent` device).
    public var device: UInt8
  }

  /// The first physical address.
  public var address: PhysAddr
  /// One triple per byte.
  public var bytes: [Triple]
  /// Per byte: whether the three views do not all agree.
  public var differs: [Bool]
}

extension MemorySystem {
  /// The three views of truth for `count` bytes at `physical`, without changing any state, for
  /// a device that snoops the cache (`coherent`) or not, with the live `allocations` (a
  /// coherent buffer's remap decides whether the CPU's mapping is cacheable):
  /// the CPU's (its own buffered stores first, then through the data cache when the kernel maps
  /// the byte cacheable, which the linear map of DRAM is), RAM's, and `device`'s (RAM for a non-coherent device, the cache snooped
  /// for a coherent one). Nil for an unknown device or a negative count.
  public func views(
    of physical: PhysAddr, count: Int, coherent: Bool, allocations: [Allocation]
  ) -> ByteViews? {
    guard count >= 0 else { return nil }
    var bytes: [ByteViews.Triple] = []
    bytes.reserveCapacity(count)
    for offset in 0..<count {
      let at = physical.advanced(by: UInt64(offset))
      let inRAM = ram.byte(at: at)
      let cached = cache.peek(at, ram: ram)
      // The CPU sees its own buffered stores; RAM and devices do not.
      let cpuByte =
        writeBuffer.byte(at: at)
        ?? (cpuMapsCacheable(at, allocations: allocations) ? cached : inRAM)
      bytes.append(
        ByteViews.Triple(cpu: cpuByte, ram: inRAM, device: coherent ? cached : inRAM))
    }
    return ByteViews(
      address: physical, bytes: bytes,
      differs: bytes.map { $0.cpu != $0.ram || $0.ram != $0.device })
  }

  /// Whether the kernel's mapping of a physical address is cacheable: the mapping the byte's
  /// allocation was handed out through (a coherent buffer's non-cacheable remap), else the first
  /// mapping that covers it.
  func cpuMapsCacheable(_ physical: PhysAddr, allocations: [Allocation]) -> Bool {
    if let allocation = allocations.first(where: {
      physical >= $0.physical && physical.rawValue - $0.physical.rawValue < $0.reservedSize
    }), let translation = pageTable.translate(allocation.virtualAddress) {
      return translation.mapping.memoryType.isCacheable
    }
    // A page of an iommu_dma_alloc_remap buffer other than its first: the remap decides.
    if let remap = pageTable.mappings.first(where: {
      $0.name.hasPrefix(Machine.remapNamePrefix) && physical >= $0.physicalBase
        && physical.rawValue - $0.physicalBase.rawValue < $0.size
    }) {
      return remap.memoryType.isCacheable
    }
    return pageTable.mappings.first {
      physical >= $0.physicalBase && physical.rawValue - $0.physicalBase.rawValue < $0.size
    }?.memoryType.isCacheable ?? false
  }
}
