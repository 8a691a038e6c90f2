/// An IO page table in the Arm LPAE (VMSAv8-64) stage-1 format as io-pgtable-arm builds it,
/// simplified to 4 KiB pages only: 4 levels of 512 eight-byte descriptors (48-bit IOVA), table
/// descriptors at levels 0–2 and page descriptors at level 3, never blocks.
///
/// The tables' contents live in this value (the walker is modelled as reading them directly,
/// as a coherent SMMU walker would see the CPU's writes); each table has the physical page
/// the kernel allocated for it, so the entries show real next-table addresses.
public struct IOPageTable: Hashable, Sendable {
  /// Levels of the walk (0 to 3).
  public static let levels = 4
  /// Descriptors per table.
  public static let entriesPerTable = 512
  /// `ARM_LPAE_PTE_TYPE_TABLE` / `ARM_LPAE_PTE_TYPE_PAGE` (bits 1:0 = 0b11).
  public static let typeTableOrPage: UInt64 = 3
  /// `ARM_LPAE_PTE_AP_UNPRIV` (bit 6): unprivileged (device) access allowed.
  public static let apUnprivileged: UInt64 = 1 << 6
  /// `ARM_LPAE_PTE_AP_RDONLY` (bit 7): read-only.
  public static let apReadOnly: UInt64 = 1 << 7
  /// `ARM_LPAE_PTE_SH_IS` (bits 9:8 = 0b11): inner shareable.
  public static let shareableInner: UInt64 = 3 << 8
  /// `ARM_LPAE_PTE_SH_OS` (bits 9:8 = 0b10): outer shareable.
  public static let shareableOuter: UInt64 = 2 << 8
  /// `ARM_LPAE_PTE_AF` (bit 10): the access flag.
  public static let accessFlag: UInt64 = 1 << 10
  /// `ARM_LPAE_PTE_nG` (bit 11): not global (stage 1).
  public static let notGlobal: UInt64 = 1 << 11
  /// `ARM_LPAE_PTE_ATTRINDX_SHIFT`: the MAIR index field at bits 4:2.
  public static let attrIndexShift: UInt64 = 2
  /// `ARM_LPAE_MAIR_ATTR_IDX_NC`: normal non-cacheable.
  public static let attrIndexNonCacheable: UInt64 = 0
  /// `ARM_LPAE_MAIR_ATTR_IDX_CACHE`: normal write-back cacheable.
  public static let attrIndexCacheable: UInt64 = 1
  /// The output address field (bits 47:12).
  public static let addressMask: UInt64 = 0x0000_ffff_ffff_f000

  /// One table: the physical page holding it and its 512 descriptors.
  public struct Table: Hashable, Sendable {
    /// The level (0 is the root).
    public var level: Int
    /// The page the kernel allocated for it.
    public var physical: PhysAddr
    /// The descriptors (0 is invalid).
    public var entries: [UInt64]
  }

  /// Every table, the root (level 0, `TTBR0`) first.
  public private(set) var tables: [Table]
  /// Table index by physical address, for following table descriptors.
  private(set) var tableAt: [UInt64: Int]

  /// A table with an empty root at `root`.
  public init(root: PhysAddr) {
    tables = [
      Table(level: 0, physical: root, entries: Array(repeating: 0, count: Self.entriesPerTable))
    ]
    tableAt = [root.rawValue: 0]
  }

  /// The descriptor index of an IOVA at a level.
  public static func index(of iova: UInt64, level: Int) -> Int {
    Int((iova >> UInt64(12 + 9 * (levels - 1 - level))) & 0x1ff)
  }

  /// `arm_lpae_prot_to_pte` for a stage-1 page: nG, AF, AP (read-only unless writable,
  /// unprivileged), shareability and memory attribute from `IOMMU_CACHE`, type page. Stage 1 has
  /// no write-only permission: a write-only mapping is read/write.
  public static func pageDescriptor(_ physical: PhysAddr, _ prot: IOMMUProtection) -> UInt64 {
    var pte = notGlobal | accessFlag | typeTableOrPage | apUnprivileged
    if prot.contains(.read), !prot.contains(.write) { pte |= apReadOnly }
    if prot.contains(.cache) {
      pte |= shareableInner | attrIndexCacheable << attrIndexShift
    } else {
      pte |= shareableOuter | attrIndexNonCacheable << attrIndexShift
    }
    return pte | (physical.rawValue & addressMask)
  }

  /// `iommu_map` of one 4 KiB page (`arm_lpae_map`): missing tables are allocated on the way
  /// down with `allocateTable`. Returns false (-EEXIST) when the page is already mapped, or when
  /// no table page could be had; a protection without read or write maps nothing (and succeeds).
  public mutating func mapPage(
    iova: UInt64, physical: PhysAddr, prot: IOMMUProtection, allocateTable: () -> PhysAddr?
  ) -> Bool {
    guard !prot.intersection([.read, .write]).isEmpty else { return true }
    var table = 0
    for level in 0..<(Self.levels - 1) {
      let slot = Self.index(of: iova, level: level)
      let descriptor = tables[table].entries[slot]
      if descriptor & 3 == Self.typeTableOrPage,
        let next = tableAt[descriptor & Self.addressMask]
      {
        table = next
        continue
      }
      guard let page = allocateTable() else { return false }
      tables.append(
        Table(
          level: level + 1, physical: page,
          entries: Array(repeating: 0, count: Self.entriesPerTable)))
      tableAt[page.rawValue] = tables.count - 1
      tables[table].entries[slot] = (page.rawValue & Self.addressMask) | Self.typeTableOrPage
      table = tables.count - 1
    }
    let slot = Self.index(of: iova, level: Self.levels - 1)
    guard tables[table].entries[slot] == 0 else { return false }
    tables[table].entries[slot] = Self.pageDescriptor(physical, prot)
    return true
  }

  /// `iommu_unmap` of one 4 KiB page: clears its level-3 descriptor. Returns whether it was
  /// mapped. Tables stay allocated (io-pgtable frees them only with whole-table unmaps).
  public mutating func unmapPage(iova: UInt64) -> Bool {
    let walk = self.walk(iova)
    guard walk.physical != nil, let table = walk.tableIndex else { return false }
    tables[table].entries[Self.index(of: iova, level: Self.levels - 1)] = 0
    return true
  }

  /// A walk from the root: the descriptors read at each level and where it stopped.
  public func walk(_ iova: UInt64) -> IOPageTableWalk {
    var descriptors: [UInt64] = []
    var table = 0
    for level in 0..<Self.levels {
      let descriptor = tables[table].entries[Self.index(of: iova, level: level)]
      descriptors.append(descriptor)
      guard descriptor & 3 == Self.typeTableOrPage else {
        return IOPageTableWalk(descriptors: descriptors, faultLevel: level, tableIndex: nil)
      }
      if level == Self.levels - 1 {
        return IOPageTableWalk(descriptors: descriptors, faultLevel: nil, tableIndex: table)
      }
      guard let next = tableAt[descriptor & Self.addressMask] else {
        return IOPageTableWalk(descriptors: descriptors, faultLevel: level, tableIndex: nil)
      }
      table = next
    }
    return IOPageTableWalk(descriptors: descriptors, faultLevel: Self.levels - 1, tableIndex: nil)
  }

  /// `iova_to_phys`: the physical address behind an IOVA, or nil when it is not mapped.
  public func translate(_ iova: UInt64) -> PhysAddr? {
    walk(iova).physical.map { $0.advanced(by: iova & 0xfff) }
  }
}

/// The outcome of a table walk.
public struct IOPageTableWalk: Hashable, Sendable {
  /// The descriptor read at each level, root first.
  public var descriptors: [UInt64]
  /// The level whose descriptor was invalid (a translation fault), or nil when mapped.
  public var faultLevel: Int?
  /// Index of the level-3 table holding the page descriptor, when mapped.
  var tableIndex: Int?

  /// The page descriptor (level 3), when the walk reached a valid one.
  public var pageDescriptor: UInt64? { faultLevel == nil ? descriptors.last : nil }

  /// The physical page, when mapped.
  public var physical: PhysAddr? {
    pageDescriptor.map { PhysAddr($0 & IOPageTable.addressMask) }
  }

  /// Whether the device may write through the page (AP[2] clear).
  public var writable: Bool {
    pageDescriptor.map { $0 & IOPageTable.apReadOnly == 0 } ?? false
  }
}
