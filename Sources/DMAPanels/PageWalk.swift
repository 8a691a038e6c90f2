import DMASim

/// The arm64 walk of one kernel virtual address (4 KiB granule, 48-bit VA, four levels):
/// the table index at each level and the level whose descriptor is a block or a page.
///
/// The indices come from the address itself (VA[47:39], [38:30], [29:21], [20:12]); the level
/// where the walk stops comes from the size of the entry that maps it (1 GiB blocks stop at
/// level 1, 2 MiB blocks at level 2, 4 KiB pages at level 3).
public struct PageWalk: Hashable, Sendable {
  /// One level of the walk.
  public struct Level: Hashable, Sendable {
    /// The level number (0 to 3).
    public var level: Int
    /// The index of the entry in that level's table.
    public var index: Int
    /// What the entry is: `table`, `block` or `page`.
    public var kind: String
  }

  /// The address walked.
  public var virtualAddress: VirtAddr
  /// The levels visited, from level 0.
  public var levels: [Level]
  /// The output address (the physical address of the byte).
  public var outputAddress: PhysAddr
  /// The mapping that holds the final descriptor.
  public var mapping: KernelMapping
  /// The size the final descriptor maps.
  public var entrySize: UInt64
  /// The virtual address where the final descriptor's range starts.
  public var entryBase: VirtAddr

  /// Walks `address` in `table`; nil is a translation fault.
  public init?(_ address: VirtAddr, in table: KernelPageTable) {
    guard let translation = table.translate(address) else { return nil }
    let granule = translation.mapping.granule
    let lastLevel = granule >= 1 << 30 ? 1 : (granule >= 2 << 20 ? 2 : 3)
    virtualAddress = address
    levels = (0...lastLevel).map { level in
      let shift = UInt64(39 - 9 * level)
      let kind = level < lastLevel ? "table" : (level == 3 ? "page" : "block")
      return Level(level: level, index: Int((address.rawValue >> shift) & 0x1ff), kind: kind)
    }
    outputAddress = translation.physical
    mapping = translation.mapping
    entrySize = granule
    let offset = address.rawValue - translation.mapping.virtualBase.rawValue
    entryBase = translation.mapping.virtualBase.advanced(by: offset / granule * granule)
  }
}

extension MemoryType {
  /// The MAIR attribute encoding the kernel programs for this type (arch/arm64/mm/proc.S).
  public var mairEncoding: String {
    switch self {
    case .normalWriteBack: "0xff"
    case .normalWriteThrough: "0xbb"
    case .normalNonCacheable: "0x44"
    case .device: "0x04"
    }
  }
}

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
}
