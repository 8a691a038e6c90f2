import DMASim

extension KernelPageTable {
  /// The physically contiguous pieces of a buffer as the views draw them: the page-table walk
  /// of `physicalPieces(of:)` (several for an `iommu_dma_alloc_remap` or vmalloc buffer), or one
  /// piece from the allocation's own address when its CPU address is not mapped.
  public func pieces(of allocation: Allocation) -> [PhysicalPiece] {
    let walked = physicalPieces(of: allocation)
    guard walked.isEmpty || walked.reduce(0, { $0 + $1.size }) < allocation.size else {
      return walked
    }
    if walked.isEmpty {
      return [
        PhysicalPiece(
          virtual: allocation.virtualAddress, physical: allocation.physical,
          size: allocation.size)
      ]
    }
    return walked
  }

  /// The physical address of the byte at `offset` into a buffer (following its pieces).
  func bytePhysical(_ allocation: Allocation, offset: UInt64) -> PhysAddr {
    var done: UInt64 = 0
    for piece in pieces(of: allocation) {
      if offset < done + piece.size { return piece.physical.advanced(by: offset - done) }
      done += piece.size
    }
    return allocation.physical.advanced(by: offset)
  }

  /// The physical byte ranges of a buffer, one per piece.
  public func physicalRanges(of allocation: Allocation) -> [Range<UInt64>] {
    pieces(of: allocation).map {
      $0.physical.rawValue..<($0.physical.rawValue + max($0.size, 1))
    }
  }

  /// Whether any piece of a buffer overlaps `[physical, physical + count)`.
  func buffer(_ allocation: Allocation, overlaps physical: PhysAddr, count: UInt64) -> Bool {
    pieces(of: allocation).contains {
      physical.rawValue < $0.physical.rawValue + max($0.size, 1)
        && $0.physical.rawValue < physical.rawValue + max(count, 1)
    }
  }
}
