/// A table page's position: its level (1 to 3) and the virtual-address bits above what it maps.
struct TableKey: Hashable, Sendable {
  var level: Int
  var prefix: UInt64
}

extension KernelPageTable {
  /// The kernel's names for the four levels' tables.
  public static let levelNames = ["pgd", "pud", "pmd", "pte"]
  /// Bytes one entry maps at each level (512 GiB, 1 GiB, 2 MiB, 4 KiB).
  public static let entrySizes: [UInt64] = [1 << 39, 1 << 30, 1 << 21, 1 << 12]
  /// The output-address bits of a descriptor (OA[47:12]).
  static let addressMask: UInt64 = 0x0000_ffff_ffff_f000
  /// `PMD_TABLE_PXN` (PXNTable, bit 59): set on tables the linear map creates
  /// (`NO_EXEC_MAPPINGS`).
  static let tablePXN: UInt64 = 1 << 59
  /// `PMD_TABLE_UXN` (UXNTable, bit 60): set on every kernel table descriptor.
  static let tableUXN: UInt64 = 1 << 60

  /// `swapper_pg_dir`: the level-0 table.
  public var rootTable: PhysAddr { PhysAddr(tablePool.base) }

  /// The 9-bit table index of `address` at `level`.
  public static func index(of address: VirtAddr, level: Int) -> Int {
    Int((address.rawValue >> (39 - 9 * UInt64(level))) & 0x1ff)
  }

  /// Walks the tables for `address` as the MMU would: one step per level until a block, a page
  /// or an invalid descriptor. Addresses outside TTBR1's range (top 16 bits not all ones) fault
  /// before level 0 and give no steps.
  public func walk(_ address: VirtAddr) -> PageWalk {
    var walk = PageWalk(virtual: address, steps: [], leaf: nil)
    guard address.rawValue >> 48 == 0xffff else { return walk }
    let mapping = mappings.first { $0.contains(address) }
    let leafLevel = mapping.map { Self.leafLevel(of: address, in: $0) } ?? 4
    var table = rootTable
    for level in 0...3 {
      let index = Self.index(of: address, level: level)
      if level == leafLevel, let mapping {
        let entry = Self.leaf(at: address, level: level, in: mapping)
        walk.steps.append(
          PageWalkStep(
            level: level, tableAddress: table, index: index, descriptor: entry.descriptor,
            kind: level == 3 ? .page : .block))
        walk.leaf = entry
        return walk
      }
      guard level < 3, let next = tableAddress(Self.key(address, level: level + 1)) else {
        walk.steps.append(
          PageWalkStep(
            level: level, tableAddress: table, index: index, descriptor: 0, kind: .invalid))
        return walk
      }
      let descriptor = tableDescriptor(next, level: level + 1, address)
      walk.steps.append(
        PageWalkStep(
          level: level, tableAddress: table, index: index, descriptor: descriptor, kind: .table))
      table = next
    }
    return walk
  }

  /// The leaf entries that map `[start, start + size)`, in address order, at most `limit`
  /// of them (a page-granular linear map has a quarter of a million entries per GiB).
  public func entries(from start: VirtAddr, size: UInt64, limit: Int = 4096) -> [PageTableEntry] {
    let end = start.rawValue.addingReportingOverflow(size)
    let last = end.overflow ? UInt64.max : end.partialValue
    var result: [PageTableEntry] = []
    let covering = mappings.filter {
      $0.virtualBase.rawValue < last && $0.virtualBase.rawValue + $0.size > start.rawValue
    }.sorted { $0.virtualBase < $1.virtualBase }
    for mapping in covering {
      var at = max(start.rawValue, mapping.virtualBase.rawValue)
      let stop = min(last, mapping.virtualBase.rawValue + mapping.size)
      while at < stop, result.count < limit {
        let level = Self.leafLevel(of: VirtAddr(at), in: mapping)
        let entry = Self.leaf(at: VirtAddr(at), level: level, in: mapping)
        result.append(entry)
        let next = entry.virtual.rawValue &+ entry.size
        guard next > at else { break }
        at = next
      }
    }
    return result
  }

  /// Every virtual address that maps the 4 KiB page holding `physical`, with its entry.
  public func aliases(of physical: PhysAddr) -> PageAliases {
    let page = PhysAddr(physical.rawValue & ~(PhysicalMemory.pageSize - 1))
    var found: [PageTableEntry] = []
    for mapping in mappings
    where page >= mapping.physicalBase
      && page.rawValue - mapping.physicalBase.rawValue < mapping.size
    {
      let virtual = mapping.virtualBase.advanced(by: page.rawValue - mapping.physicalBase.rawValue)
      found.append(
        Self.leaf(at: virtual, level: Self.leafLevel(of: virtual, in: mapping), in: mapping))
    }
    return PageAliases(page: page, aliases: found)
  }

  /// The level of the leaf entry that maps `address` inside `mapping`.
  static func leafLevel(of address: VirtAddr, in mapping: KernelMapping) -> Int {
    for level in 1...2 where mapping.granule >= entrySizes[level] {
      let size = entrySizes[level]
      let start = address.rawValue & ~(size - 1)
      let offset = start &- mapping.virtualBase.rawValue
      if start >= mapping.virtualBase.rawValue, offset <= mapping.size,
        mapping.size - offset >= size,
        (mapping.physicalBase.rawValue &+ offset) % size == 0
      {
        return level
      }
    }
    return 3
  }

  /// The block or page entry at `level` that maps `address` inside `mapping`.
  static func leaf(at address: VirtAddr, level: Int, in mapping: KernelMapping) -> PageTableEntry {
    let size = entrySizes[level]
    let start = address.rawValue & ~(size - 1)
    let physical = mapping.physicalBase.rawValue &+ (start &- mapping.virtualBase.rawValue)
    let attributes = mapping.attributes
    let descriptor =
      (physical & addressMask) | attributes.bits | (level == 3 ? 0b11 : 0b01)
    return PageTableEntry(
      virtual: VirtAddr(start), physical: PhysAddr(physical), level: level, size: size,
      descriptor: descriptor, attributes: attributes, mappingName: mapping.name)
  }

  /// Where the table at `level` covering `address` sits in the table map.
  static func key(_ address: VirtAddr, level: Int) -> TableKey {
    let covered = 48 - 9 * UInt64(level)
    return TableKey(level: level, prefix: (address.rawValue & 0x0000_ffff_ffff_ffff) >> covered)
  }

  /// The table descriptor pointing to the table at `level` that covers `address`.
  func tableDescriptor(_ next: PhysAddr, level: Int, _ address: VirtAddr) -> UInt64 {
    var value = (next.rawValue & Self.addressMask) | 0b11 | Self.tableUXN
    if let mapping = mappings.first(where: { $0.contains(address) }),
      mapping.name == KernelMapping.linearMapName
    {
      value |= Self.tablePXN
    }
    return value
  }

  /// Allocates the table pages a new mapping's entries need (tables are never freed, as the
  /// kernel keeps vmalloc-area page tables after `vunmap`).
  mutating func allocateTables(for mapping: KernelMapping) {
    guard mapping.size > 0, !allocateHugePageMapping(mapping) else { return }
    let start = mapping.virtualBase.rawValue
    let end = start &+ mapping.size
    // Walk the mapping one 2 MiB span at a time; a span whose leaf is a 1 GiB block needs no
    // level-2 table, one whose leaf is a 2 MiB block no level-3 table.
    var at = start & ~(Self.entrySizes[2] - 1)
    while at < end {
      let probe = VirtAddr(max(at, start))
      let level = Self.leafLevel(of: probe, in: mapping)
      for tableLevel in 1...level { ensureTable(probe, level: tableLevel) }
      let next =
        level == 3
        ? at &+ Self.entrySizes[2]
        : (probe.rawValue & ~(Self.entrySizes[level] - 1)) &+ Self.entrySizes[level]
      guard next > at else { break }
      at = next
    }
  }

  mutating func ensureTable(_ address: VirtAddr, level: Int) {
    let key = Self.key(address, level: level)
    guard tableAddress(key) == nil else { return }
    // Top-down like memblock (see `tableAddress(number:)`).
    tables[key] = PhysAddr(tableAddress(number: tableCount + 1))
  }
}

extension KernelMapping {
  /// The descriptor attributes of every entry of the mapping (`PAGE_KERNEL`, `PROT_DEVICE_*`,
  /// or `pgprot_dmacoherent`'s Normal-NC; all PXN and UXN as `NO_EXEC_MAPPINGS` and the
  /// `pgprot_*` helpers set them).
  public var attributes: PageAttributes {
    PageAttributes(memoryType: memoryType, writable: writable)
  }
}
