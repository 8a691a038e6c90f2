/// What one descriptor in a walk is.
public enum DescriptorKind: Hashable, Sendable {
  /// Bits[1:0] = 0b00 (or a reserved encoding): the walk stops with a translation fault.
  case invalid
  /// A table descriptor (0b11 above level 3): points to the next level's table.
  case table
  /// A block descriptor (0b01 at level 1 or 2): maps 1 GiB or 2 MiB.
  case block
  /// A page descriptor (0b11 at level 3): maps 4 KiB.
  case page
}

/// One level of a page-table walk.
public struct PageWalkStep: Hashable, Sendable {
  /// The level, 0 (`pgd`) to 3 (`pte`).
  public var level: Int
  /// The physical address of the table read at this level.
  public var tableAddress: PhysAddr
  /// The index into that table (9 bits of the virtual address).
  public var index: Int
  /// The 64-bit descriptor as the kernel wrote it.
  public var descriptor: UInt64
  /// What the descriptor is.
  public var kind: DescriptorKind

  /// The kernel's name for the level's table (`pgd`, `pud`, `pmd`, `pte`).
  public var levelName: String { KernelPageTable.levelNames[min(max(level, 0), 3)] }
}

/// The result of walking the kernel page tables (TTBR1, 48-bit VA, 4K granule) for one address.
public struct PageWalk: Hashable, Sendable {
  /// The address walked.
  public var virtual: VirtAddr
  /// Every level read, top first; the last is the leaf or the invalid entry.
  public var steps: [PageWalkStep]
  /// The leaf, when the walk found one.
  public var leaf: PageTableEntry?

  /// The output physical address, or nil for a translation fault.
  public var physical: PhysAddr? {
    leaf.map { $0.physical.advanced(by: virtual.rawValue - $0.virtual.rawValue) }
  }
  /// The level whose descriptor was invalid, for a fault.
  public var faultLevel: Int? { leaf == nil ? steps.last?.level : nil }
}

/// One leaf descriptor: a block or page mapping a naturally aligned range.
public struct PageTableEntry: Hashable, Sendable {
  /// The first virtual address the entry maps.
  public var virtual: VirtAddr
  /// The first physical address it maps.
  public var physical: PhysAddr
  /// The level (1 and 2: block; 3: page).
  public var level: Int
  /// The bytes it maps (1 GiB, 2 MiB or 4 KiB).
  public var size: UInt64
  /// The descriptor value.
  public var descriptor: UInt64
  /// The decoded attributes.
  public var attributes: PageAttributes
  /// The kernel mapping (vm area) the entry belongs to.
  public var mappingName: String

  /// Whether it is a block (level 1 or 2) rather than a page.
  public var isBlock: Bool { level < 3 }
  /// The memory type.
  public var memoryType: MemoryType { attributes.memoryType }
}

/// Every CPU mapping of one physical page, and whether their attributes clash.
public struct PageAliases: Hashable, Sendable {
  /// The page frame's first physical address.
  public var page: PhysAddr
  /// One entry per virtual address that maps the page, in mapping order.
  public var aliases: [PageTableEntry]

  /// Whether two aliases disagree on the memory type: the ARM ARM's "mismatched memory
  /// attributes", where a cacheable alias can hold lines a non-cacheable alias never sees.
  public var mismatched: Bool {
    guard let first = aliases.first else { return false }
    return aliases.contains { $0.memoryType != first.memoryType }
  }
}
