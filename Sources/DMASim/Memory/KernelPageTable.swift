/// One contiguous kernel mapping: a run of page-table entries with the same attributes.
public struct KernelMapping: Hashable, Sendable {
  /// Where the mapping comes from (`linear map`, `vmalloc`, `ioremap`).
  public var name: String
  /// First virtual address.
  public var virtualBase: VirtAddr
  /// First physical address.
  public var physicalBase: PhysAddr
  /// Length in bytes.
  public var size: UInt64
  /// Memory attribute of every entry.
  public var memoryType: MemoryType
  /// The largest entry the kernel may use for it: 4 KiB (pages only), 2 MiB or 1 GiB
  /// (blocks where the virtual and physical addresses are aligned and the range covers them,
  /// as `alloc_init_pud`/`alloc_init_pmd` decide).
  public var granule: UInt64
  /// Whether the kernel may write through it.
  public var writable: Bool

  /// Creates a mapping.
  public init(
    name: String, virtualBase: VirtAddr, physicalBase: PhysAddr, size: UInt64,
    memoryType: MemoryType, granule: UInt64, writable: Bool = true
  ) {
    self.name = name
    self.virtualBase = virtualBase
    self.physicalBase = physicalBase
    self.size = size
    self.memoryType = memoryType
    self.granule = granule
    self.writable = writable
  }

  /// Whether the virtual address falls inside the mapping.
  public func contains(_ address: VirtAddr) -> Bool {
    address >= virtualBase && address.rawValue - virtualBase.rawValue < size
  }
}

/// The result of walking the kernel page tables for one virtual address.
public struct Translation: Hashable, Sendable {
  /// The physical address.
  public var physical: PhysAddr
  /// The mapping that translated it.
  public var mapping: KernelMapping
}

/// The kernel's page tables (`swapper_pg_dir`, TTBR1_EL1): arm64, 4K granule, 48-bit VA,
/// four levels.
///
/// The tables are values but sparse: the ordered list of mappings (vm areas) is the truth, each
/// table page that exists is recorded by its position (so a walk can name its physical address),
/// and descriptors are computed from the mapping that covers an address when asked. An 8 GiB
/// linear map mapped with 4K pages costs one small record per 2 MiB, not two million entries.
/// Table pages are placed downward from the end of `tablePool` (the kernel takes them from
/// memblock with `early_pgtable_alloc`, then from the page allocator); `swapper_pg_dir` is the
/// pool's first page. Their contents are not stored in simulated RAM.
public struct KernelPageTable: Hashable, Sendable {
  /// Every mapping, in creation order.
  public private(set) var mappings: [KernelMapping]
  /// The physical address of every table page below level 0, by level and position.
  var tables: [TableKey: PhysAddr] = [:]
  /// Runs of level-3 tables of huge page-granular mappings (see `TableRun`).
  var tableRuns: [TableRun] = []
  /// Where table pages come from.
  public let tablePool: MemoryRegion

  /// Creates page tables holding the given mappings, with table pages taken from `tablePool`.
  public init(
    mappings: [KernelMapping],
    tablePool: MemoryRegion = MemoryRegion(name: "page tables", base: 0x4000_0000, size: 32 << 20)
  ) {
    self.mappings = []
    self.tablePool = tablePool
    for mapping in mappings { add(mapping) }
  }

  /// Walks the tables for `address`; nil means a translation fault.
  public func translate(_ address: VirtAddr) -> Translation? {
    for mapping in mappings where mapping.contains(address) {
      let offset = address.rawValue - mapping.virtualBase.rawValue
      return Translation(physical: mapping.physicalBase.advanced(by: offset), mapping: mapping)
    }
    return nil
  }

  /// `__va()`/`phys_to_virt()`: the linear-map alias of a physical address, if it has one.
  public func linearAddress(of physical: PhysAddr) -> VirtAddr? {
    for mapping in mappings where mapping.name == KernelMapping.linearMapName {
      let start = mapping.physicalBase.rawValue
      if physical.rawValue >= start, physical.rawValue - start < mapping.size {
        return mapping.virtualBase.advanced(by: physical.rawValue - start)
      }
    }
    return nil
  }

  /// Adds a mapping, allocating the table pages its entries need.
  public mutating func add(_ mapping: KernelMapping) {
    mappings.append(mapping)
    allocateTables(for: mapping)
  }

  /// Removes the mapping that starts at a virtual address (`vunmap`); returns whether it did.
  @discardableResult
  public mutating func remove(startingAt address: VirtAddr) -> Bool {
    guard let index = mappings.firstIndex(where: { $0.virtualBase == address }) else {
      return false
    }
    mappings.remove(at: index)
    return true
  }
}

extension KernelMapping {
  /// The name of the linear map of all DRAM.
  public static let linearMapName = "linear map"
}
