/// A per-device coherent pool in the machine: the reserved region, the devices attached to it
/// (`rmem_dma_device_init` shares one `dma_coherent_mem` among them), its bitmap and the
/// `memremap(MEMREMAP_WC)` address the CPU uses.
public struct DeviceCoherentPool: Hashable, Sendable {
  /// The reserved-memory node name (`vdec-pool@50000000`).
  public var name: String
  /// Devices attached (board names).
  public var devices: [String]
  /// The bitmap allocator.
  public var pool: DMACoherentPool
  /// Where `memremap` mapped the pool (Normal non-cacheable on arm64).
  public var virtualBase: VirtAddr

  /// Creates a pool record.
  public init(name: String, devices: [String], pool: DMACoherentPool, virtualBase: VirtAddr) {
    self.name = name
    self.devices = devices
    self.pool = pool
    self.virtualBase = virtualBase
  }
}
