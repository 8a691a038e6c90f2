/// `struct dma_pool` (mm/dmapool.c, v6.4 and later): fixed-size blocks carved from coherent
/// chunks, a pool-wide LIFO free list, chunks kept until `destroy`.
public struct DMAPool: Hashable, Sendable {
  /// One coherent chunk.
  public struct Chunk: Hashable, Sendable {
    /// DMA address of the chunk.
    public var dma: UInt64
    /// Block offsets carved from it.
    public var blockOffsets: [Int]
  }

  /// Pool name.
  public let name: String
  /// Block size after rounding (`ALIGN(max(size, 16), align)`).
  public let size: Int
  /// Bytes per chunk (`max(size, PAGE_SIZE)`).
  public let allocation: Int
  /// No block crosses a multiple of this (`min(boundary, allocation)`).
  public let boundary: Int
  /// Chunks, newest first (`page_list`).
  public private(set) var chunks: [Chunk] = []
  /// Free blocks; the last element is the list head.
  public private(set) var freeList: [UInt64] = []
  /// Blocks in use (`nr_active`).
  public private(set) var active = 0
  /// Blocks carved (`nr_blocks`).
  public private(set) var totalBlocks = 0

  /// `dma_pool_create(name, dev, size, align, boundary)`; nil where the kernel returns NULL:
  /// non-power-of-two `align`, size 0 or above `INT_MAX`, a non-power-of-two boundary or one
  /// smaller than the block.
  public init?(name: String, size: Int, align: Int, boundary: Int, pageSize: Int = 4096) {
    let alignment = align == 0 ? 1 : align
    guard alignment > 0, alignment.nonzeroBitCount == 1 else { return nil }
    guard size > 0, size <= Int(Int32.max) else { return nil }
    let rounded = (max(size, 16) + alignment - 1) / alignment * alignment
    let allocation = max(rounded, pageSize)
    var limit = allocation
    if boundary != 0 {
      guard boundary > 0, boundary.nonzeroBitCount == 1, boundary >= rounded else { return nil }
      limit = min(boundary, allocation)
    }
    self.name = name
    self.size = rounded
    self.allocation = allocation
    self.boundary = limit
  }

  /// `pool_initialise_page`: block offsets in one chunk, skipping to the next boundary when a
  /// block would straddle it.
  public func carve() -> [Int] {
    var offsets: [Int] = []
    var offset = 0
    var nextBoundary = boundary
    while offset + size <= allocation {
      if offset + size > nextBoundary {
        offset = nextBoundary
        nextBoundary += boundary
        continue
      }
      offsets.append(offset)
      offset += size
    }
    return offsets
  }

  /// `dma_pool_alloc`: pops the free-list head; when empty, asks `newChunk` for a coherent
  /// chunk of `allocation` bytes (its DMA address, or nil on failure) and carves it.
  public mutating func allocate(newChunk: (Int) -> UInt64?) -> UInt64? {
    if freeList.isEmpty {
      guard let dma = newChunk(allocation) else { return nil }
      let offsets = carve()
      chunks.insert(Chunk(dma: dma, blockOffsets: offsets), at: 0)
      totalBlocks += offsets.count
      freeList += offsets.reversed().map { dma + UInt64($0) }
    }
    guard let block = freeList.popLast() else { return nil }
    active += 1
    return block
  }

  /// `dma_pool_free`: pushes the block back on the free-list head. Returns the kernel's
  /// debug message for a block not in any chunk or already free, else nil.
  @discardableResult
  public mutating func free(_ dma: UInt64) -> String? {
    guard chunks.contains(where: { dma >= $0.dma && dma < $0.dma + UInt64(allocation) }) else {
      return "dma_pool_free \(name), \(Hex.prefixed(dma)) (bad dma)"
    }
    if freeList.contains(dma) {
      return "dma_pool_free \(name), dma \(Hex.prefixed(dma)) already free"
    }
    freeList.append(dma)
    active -= 1
    return nil
  }

  /// `dma_pool_destroy`: the `dev_err` text `dma_pool_destroy NAME busy` when blocks are
  /// still in use (the chunks are then leaked), else nil after freeing every chunk.
  public mutating func destroy() -> String? {
    if active != 0 { return "dma_pool_destroy \(name) busy" }
    chunks = []
    freeList = []
    totalBlocks = 0
    return nil
  }

  /// The sysfs `pools` line: name, active blocks, total blocks, block size, chunks.
  public var poolsLine: String {
    func pad(_ text: String, _ width: Int) -> String {
      String(repeating: " ", count: max(0, width - text.count)) + text
    }
    let paddedName = name + String(repeating: " ", count: max(0, 16 - name.count))
    return "\(paddedName) \(pad(String(active), 4)) \(pad(String(totalBlocks), 4)) "
      + "\(pad(String(size), 4)) \(pad(String(chunks.count), 2))"
  }
}
