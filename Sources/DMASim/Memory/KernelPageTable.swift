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
  /// Entry size: 4 KiB pages or 2 MiB / 1 GiB blocks.
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

/// The kernel's page tables, as the ordered list of mappings they contain.
public struct KernelPageTable: Hashable, Sendable {
  /// Every mapping, in creation order.
  public private(set) var mappings: [KernelMapping]

  /// Creates page tables holding the given mappings.
  public init(mappings: [KernelMapping]) { self.mappings = mappings }

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

  /// Adds a mapping.
  public mutating func add(_ mapping: KernelMapping) { mappings.append(mapping) }

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
