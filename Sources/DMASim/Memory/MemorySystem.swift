/// The memory system the CPU and devices share: DRAM, the CPU's data cache and write buffer,
/// the kernel page tables that give memory its attributes, and the simulator's coherency watch.
public struct MemorySystem: Hashable, Sendable {
  /// DRAM contents.
  public internal(set) var ram: PhysicalMemory
  /// The CPU's data cache.
  public internal(set) var cache: DataCache
  /// The CPU's write buffer for bufferable (Normal non-cacheable) stores.
  public internal(set) var writeBuffer: WriteBuffer
  /// Kernel page tables.
  public internal(set) var pageTable: KernelPageTable
  /// Cached lines a non-coherent device rewrote in RAM (the simulator-only checks).
  public internal(set) var coherencyWatch = CoherencyWatch()

  /// A memory system over `ram` with an empty cache and write buffer.
  public init(
    ram: PhysicalMemory, cache: DataCache, writeBuffer: WriteBuffer, pageTable: KernelPageTable
  ) {
    self.ram = ram
    self.cache = cache
    self.writeBuffer = writeBuffer
    self.pageTable = pageTable
  }
}
