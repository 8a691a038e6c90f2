/// One physically contiguous piece of a CPU-virtual range: where it starts on each side and
/// how long it is. A linear-map buffer is one piece; vmalloc and `iommu_dma_alloc_remap`
/// buffers may be many.
public struct PhysicalPiece: Hashable, Sendable {
  /// The first CPU-virtual address of the piece.
  public var virtual: VirtAddr
  /// The physical address it maps to.
  public var physical: PhysAddr
  /// Length in bytes.
  public var size: UInt64

  /// Creates a piece.
  public init(virtual: VirtAddr, physical: PhysAddr, size: UInt64) {
    self.virtual = virtual
    self.physical = physical
    self.size = size
  }
}

extension KernelPageTable {
  /// The physically contiguous pieces behind `[virtual, virtual + size)`, walking the kernel
  /// page tables page by page; stops at the first unmapped page. Views use it for buffers
  /// whose pages are scattered (vmalloc, a remapped coherent buffer behind an IOMMU).
  public func physicalPieces(of virtual: VirtAddr, size: UInt64) -> [PhysicalPiece] {
    var pieces: [PhysicalPiece] = []
    var done: UInt64 = 0
    while done < size {
      let at = virtual.advanced(by: done)
      guard let physical = translate(at)?.physical else { break }
      let length = min(
        PhysicalMemory.pageSize - at.rawValue % PhysicalMemory.pageSize, size - done)
      if let last = pieces.last, last.physical.advanced(by: last.size) == physical {
        pieces[pieces.count - 1].size += length
      } else {
        pieces.append(PhysicalPiece(virtual: at, physical: physical, size: length))
      }
      done += length
    }
    return pieces
  }

  /// The pieces of a live allocation (its requested size).
  public func physicalPieces(of allocation: Allocation) -> [PhysicalPiece] {
    physicalPieces(of: allocation.virtualAddress, size: allocation.size)
  }
}
