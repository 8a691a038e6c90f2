extension KernelAllocators {
  /// What KASAN would report of a CPU access past the end of its kmalloc object: the report's
  /// detail, or nil when the access stays inside the object (or is not in one).
  func outOfBoundsDetail(_ virtual: VirtAddr, count: UInt64, access: String) -> String? {
    guard
      let allocation = allocations.first(where: {
        virtual >= $0.virtualAddress && virtual.rawValue - $0.virtualAddress.rawValue < $0.size
      })
    else { return nil }
    let end = virtual.rawValue + count
    let limit = allocation.virtualAddress.rawValue + allocation.size
    guard end > limit else { return nil }
    return "\(access) of size \(count) at addr \(virtual.hex): \(allocation.name) is "
      + "\(allocation.size) bytes (\(allocation.allocator)), so \(end - limit) bytes fall "
      + "outside it and corrupt whatever follows."
  }

  /// Other live data in the first or last cache line of a buffer mapped for DMA: another
  /// allocation, or bytes of the same object before the buffer (a buffer inside a struct).
  /// Slack past an object's requested size does not count. Returns the buffer's label, the
  /// shared line and what shares it, or nil when the buffer owns its lines.
  func sharedCacheLine(
    physical: PhysAddr, size: UInt64, lineSize: UInt64
  ) -> (label: String, line: UInt64, with: String)? {
    let first = physical.rawValue - physical.rawValue % lineSize
    let end = physical.rawValue + size
    let last = (end - 1) - (end - 1) % lineSize + lineSize
    let owner = allocations.first {
      physical >= $0.physical && end - $0.physical.rawValue <= max($0.reservedSize, $0.size)
    }
    var label = "the buffer"
    if let owner {
      let offset = physical.rawValue - owner.physical.rawValue
      label = "\(owner.name)\(offset > 0 ? " + \(offset)" : "") (\(owner.allocator))"
    }
    for other in allocations where other.id != owner?.id && other.reservedSize > 0 {
      let start = other.physical.rawValue
      let stop = start + max(other.size, 1)
      guard start < last, first < stop, start >= end || stop <= physical.rawValue else { continue }
      return (label, max(first, start - start % lineSize), "\(other.name) (\(other.allocator))")
    }
    // Bytes of the same object before the mapping, in its first line: the buffer sits inside
    // a struct. (Bytes after it may be the unused rest of the same buffer, so they do not
    // count.)
    if let owner, physical.rawValue % lineSize != 0 {
      let base = owner.physical.rawValue
      let lead = (max(first, base), min(physical.rawValue, base + owner.size))
      if lead.0 < lead.1 {
        return (
          label, first, "\(owner.name) + \(lead.0 - base)…\(lead.1 - base - 1), outside the mapping"
        )
      }
    }
    return nil
  }
}
