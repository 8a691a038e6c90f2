/// A count an `expect` can read from the machine's allocators, named like the function a
/// lesson writes (`expect swiotlb_used() == 0`).
public enum MachineCounter: String, Hashable, Sendable, CaseIterable {
  /// `swiotlb_used()`: swiotlb slots in use (debugfs `io_tlb_used`).
  case swiotlbUsed = "swiotlb_used"
  /// `cma_lent()`: pages of the default CMA area lent to movable allocations.
  case cmaLent = "cma_lent"
  /// `cma_pinned()`: lent pages that are pinned.
  case cmaPinned = "cma_pinned"
  /// `cma_migrated()`: pages `alloc_contig_range` has migrated out of the default area.
  case cmaMigrated = "cma_migrated"
}

extension ExpectObserver {
  /// Reads a counter; unavailable when the board lacks the allocator.
  func observe(_ counter: MachineCounter) -> ObservedValue {
    switch counter {
    case .swiotlbUsed:
      guard let pool = machine.dma.swiotlb else {
        return .unavailable("no swiotlb pool on this board")
      }
      return .integer(Int64(pool.usedSlots))
    case .cmaLent, .cmaPinned, .cmaMigrated:
      guard let area = machine.allocators.cmaAreas.first else {
        return .unavailable("no CMA area on this board")
      }
      let value =
        counter == .cmaLent
        ? area.borrowed.count : counter == .cmaPinned ? area.pinned.count : area.migrations.count
      return .integer(Int64(value))
    }
  }
}
