import DMASim

extension KernelMapping {
  /// Permissions as the descriptor's AP and XN bits give them to the kernel: `RW`/`RO` at EL1,
  /// no EL0 access, never executable (data and device mappings carry PXN and UXN).
  public var permissions: String { (writable ? "RW" : "RO") + " PXN UXN" }

  /// Whether the mapping covers a physical address.
  public func containsPhysical(_ address: PhysAddr) -> Bool {
    address.rawValue >= physicalBase.rawValue && address.rawValue - physicalBase.rawValue < size
  }

  /// The virtual address this mapping gives a physical address it covers.
  public func virtualAddress(of address: PhysAddr) -> VirtAddr {
    virtualBase.advanced(by: address.rawValue - physicalBase.rawValue)
  }
}

/// Another CPU mapping of the same physical memory as a buffer (an alias), and whether its
/// attributes differ, which arm64 calls mismatched memory attributes.
public struct PageAlias: Hashable, Sendable {
  /// The other mapping.
  public var mapping: KernelMapping
  /// The alias's virtual address of the buffer's first byte it covers.
  public var virtualAddress: VirtAddr
  /// The physical address where the overlap starts.
  public var physical: PhysAddr
  /// Whether the memory type differs from the buffer's own mapping.
  public var mismatched: Bool

  /// Every other mapping of `[physical, physical + size)`, in page-table order.
  public static func aliases(
    of physical: PhysAddr, size: UInt64, excluding own: KernelMapping, in table: KernelPageTable
  ) -> [PageAlias] {
    var found: [PageAlias] = []
    let end = physical.rawValue + max(size, 1)
    for mapping in table.mappings where mapping != own {
      let start = max(mapping.physicalBase.rawValue, physical.rawValue)
      let stop = min(mapping.physicalBase.rawValue + mapping.size, end)
      guard start < stop else { continue }
      found.append(
        PageAlias(
          mapping: mapping, virtualAddress: mapping.virtualAddress(of: PhysAddr(start)),
          physical: PhysAddr(start), mismatched: mapping.memoryType != own.memoryType))
    }
    return found
  }

  /// Every other mapping of a buffer's pages, piece by piece: the mappings its own CPU range
  /// goes through (one per run of an `iommu_dma_alloc_remap` buffer) are not aliases.
  public static func aliases(of buffer: Allocation, own: KernelMapping, in machine: Machine)
    -> [PageAlias]
  {
    let table = machine.memory.pageTable
    var pieces = machine.memory.pageTable.physicalPieces(
      of: buffer.virtualAddress, size: buffer.reservedSize)
    if pieces.reduce(0, { $0 + $1.size }) < buffer.reservedSize {
      pieces = machine.memory.pageTable.pieces(of: buffer)
      if pieces.count == 1 { pieces[0].size = max(buffer.reservedSize, pieces[0].size) }
    }
    var owned = [own]
    for piece in pieces {
      if let mapping = table.translate(piece.virtual)?.mapping, !owned.contains(mapping) {
        owned.append(mapping)
      }
    }
    var found: [PageAlias] = []
    for piece in pieces {
      for alias in aliases(of: piece.physical, size: piece.size, excluding: own, in: table)
      where !owned.contains(alias.mapping) {
        found.append(alias)
      }
    }
    return found
  }
}
