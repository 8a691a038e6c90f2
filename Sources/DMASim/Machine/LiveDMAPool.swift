/// A `dma_pool` in the machine: the allocator, its device, and the coherent chunks behind it
/// (each chunk's CPU address, bus address and allocation id).
public struct LiveDMAPool: Hashable, Sendable {
  /// One chunk from `dma_alloc_coherent`.
  public struct Chunk: Hashable, Sendable {
    /// The CPU address `dma_alloc_coherent` returned.
    public var virtualAddress: VirtAddr
    /// Its bus address.
    public var handle: DMAAddr
    /// The coherent allocation's id.
    public var allocation: Int
  }

  /// The pool's id (what the scenario variable holds).
  public var id: Int
  /// The device (board name).
  public var device: String
  /// The allocator.
  public var pool: DMAPool
  /// Chunks, oldest first.
  public var chunks: [Chunk] = []
  /// Whether `dma_pool_destroy` ran.
  public var destroyed = false

  /// Creates a pool record.
  public init(id: Int, device: String, pool: DMAPool) {
    self.id = id
    self.device = device
    self.pool = pool
  }

  /// The chunk holding a bus address.
  public func chunk(containing handle: DMAAddr) -> Chunk? {
    chunks.first {
      handle.rawValue >= $0.handle.rawValue
        && handle.rawValue < $0.handle.rawValue + UInt64(pool.allocation)
    }
  }

  /// The chunk holding a CPU address.
  public func chunk(containing virtual: VirtAddr) -> Chunk? {
    chunks.first {
      virtual.rawValue >= $0.virtualAddress.rawValue
        && virtual.rawValue < $0.virtualAddress.rawValue + UInt64(pool.allocation)
    }
  }
}
