/// A count an `expect` can read from the machine's allocators, named like the function a
/// lesson writes (`expect swiotlb_used() == 0`).
public enum MachineCounter: String, Hashable, Sendable, CaseIterable {
  /// `swiotlb_used()`: swiotlb slots in use (debugfs `io_tlb_used`).
  case swiotlbUsed = "swiotlb_used"
}

extension Machine {
  /// Reads a counter; unavailable when the board lacks the allocator.
  func observe(_ counter: MachineCounter) -> ObservedValue {
    switch counter {
    case .swiotlbUsed:
      guard let pool = swiotlb else { return .unavailable("no swiotlb pool on this board") }
      return .integer(Int64(pool.usedSlots))
    }
  }
}
