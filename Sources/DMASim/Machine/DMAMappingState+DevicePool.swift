extension DMAMappingState {
  /// Whether a physical address lies in a per-device coherent pool.
  func isDevicePoolMemory(_ physical: PhysAddr) -> Bool {
    coherentPools.contains {
      physical.rawValue >= $0.pool.physicalBase
        && physical.rawValue < $0.pool.physicalBase + (UInt64($0.pool.pages) << 12)
    }
  }

  /// `dma_release_from_dev_coherent`: frees the `get_order(size)` block (the size the caller
  /// passes, as the kernel does). Returns nil when the buffer is not from the device's pool,
  /// else the pool's name and whether the block was in it, for the log.
  mutating func releaseToDevicePool(physical: PhysAddr, device: String, size: UInt64)
    -> (pool: String, released: Bool)?
  {
    guard isDevicePoolMemory(physical),
      let index = coherentPools.firstIndex(where: { $0.devices.contains(device) })
    else { return nil }
    let base = coherentPools[index].pool.deviceBase
    let released = coherentPools[index].pool.release(
      device: base + (physical.rawValue - coherentPools[index].pool.physicalBase), size: size)
    return (coherentPools[index].name, released)
  }
}
