/// What the page-table panel shows for the selected buffer: the kernel page-table walk of
/// its first byte, the entries covering it, the other mappings of its pages and, behind an
/// IOMMU, the IO page table walk of its IOVA.
public struct PageTablePanelModel: Hashable, Sendable {
  /// What a walk level's descriptor is.
  public enum StepKind: Hashable, Sendable {
    /// Not valid: the walk faults.
    case invalid
    /// Points to the next level's table.
    case table
    /// A block mapping.
    case block
    /// A page mapping.
    case page
  }

  /// One level of the walk.
  public struct Step: Hashable, Sendable {
    /// The level (0 to 3).
    public var level: Int
    /// The kernel's name for it (`pgd`, `pud`, `pmd`, `pte`).
    public var levelName: String
    /// The table index.
    public var index: Int
    /// The descriptor read.
    public var descriptor: UInt64
    /// What it is.
    public var kind: StepKind

    /// Creates a step.
    public init(level: Int, levelName: String, index: Int, descriptor: UInt64, kind: StepKind) {
      self.level = level
      self.levelName = levelName
      self.index = index
      self.descriptor = descriptor
      self.kind = kind
    }
  }

  /// The leaf descriptor's mapping.
  public struct Leaf: Hashable, Sendable {
    /// Whether it is a block (else a page).
    public var isBlock: Bool
    /// Bytes it maps.
    public var size: UInt64
    /// The memory type's kernel name (`MT_NORMAL_NC`).
    public var memoryType: String
    /// Whether the memory type is cacheable.
    public var cacheable: Bool
    /// The MAIR index.
    public var attrIndx: Int
    /// The MAIR encoding.
    public var mair: UInt64
    /// The other attributes (`AF SH=IS RW PXN UXN`).
    public var attributes: String
    /// The kernel mapping it belongs to.
    public var mappingName: String

    /// Creates a leaf.
    public init(
      isBlock: Bool, size: UInt64, memoryType: String, cacheable: Bool, attrIndx: Int,
      mair: UInt64, attributes: String, mappingName: String
    ) {
      self.isBlock = isBlock
      self.size = size
      self.memoryType = memoryType
      self.cacheable = cacheable
      self.attrIndx = attrIndx
      self.mair = mair
      self.attributes = attributes
      self.mappingName = mappingName
    }
  }

  /// One page-table entry covering the buffer.
  public struct Entry: Hashable, Sendable {
    /// Its virtual address.
    public var virtual: UInt64
    /// Its physical address.
    public var physical: UInt64
    /// Bytes it maps.
    public var size: UInt64
    /// The memory type's short name (`NC`).
    public var memoryType: String
    /// Whether it is writable.
    public var writable: Bool

    /// Creates an entry.
    public init(virtual: UInt64, physical: UInt64, size: UInt64, memoryType: String, writable: Bool)
    {
      self.virtual = virtual
      self.physical = physical
      self.size = size
      self.memoryType = memoryType
      self.writable = writable
    }
  }

  /// Another mapping of the buffer's pages.
  public struct Alias: Hashable, Sendable {
    /// Its virtual address of the buffer's first byte it covers.
    public var virtual: UInt64
    /// The mapping's name.
    public var mappingName: String
    /// Its memory type's short name.
    public var memoryType: String
    /// Whether the memory type differs from the buffer's own mapping.
    public var mismatched: Bool

    /// Creates an alias.
    public init(virtual: UInt64, mappingName: String, memoryType: String, mismatched: Bool) {
      self.virtual = virtual
      self.mappingName = mappingName
      self.memoryType = memoryType
      self.mismatched = mismatched
    }
  }

  /// The IO page table walk of the buffer's IOVA.
  public struct IOWalk: Hashable, Sendable {
    /// One level: its table index, descriptor and what it is (`table`, `page`, `invalid`).
    public struct Level: Hashable, Sendable {
      /// The table index.
      public var index: Int
      /// The descriptor.
      public var descriptor: UInt64
      /// `table`, `page` or `invalid`.
      public var kind: String

      /// Creates a level.
      public init(index: Int, descriptor: UInt64, kind: String) {
        self.index = index
        self.descriptor = descriptor
        self.kind = kind
      }
    }

    /// The device.
    public var device: String
    /// The IOMMU's name.
    public var iommu: String
    /// The context bank.
    public var contextBank: Int
    /// The buffer's IOVA.
    public var iova: UInt64
    /// The table's level count (the walk shows only when all of them fit).
    public var tableLevels: Int
    /// The levels walked.
    public var levels: [Level]
    /// The page's output address (nil: not mapped).
    public var physical: UInt64?
    /// Whether the page is writable.
    public var writable: Bool
    /// Whether the IOTLB holds the translation.
    public var inIOTLB: Bool

    /// Creates a walk.
    public init(
      device: String, iommu: String, contextBank: Int, iova: UInt64, tableLevels: Int,
      levels: [Level], physical: UInt64?, writable: Bool, inIOTLB: Bool
    ) {
      self.device = device
      self.iommu = iommu
      self.contextBank = contextBank
      self.iova = iova
      self.tableLevels = tableLevels
      self.levels = levels
      self.physical = physical
      self.writable = writable
      self.inIOTLB = inIOTLB
    }
  }

  /// The walk's outcome.
  public enum Walk: Hashable, Sendable {
    /// No live buffer.
    case noBuffer
    /// The walk faulted at a level.
    case fault(name: String, virtual: UInt64, level: Int)
    /// The walk reached a leaf.
    case mapped(Mapped)
  }

  /// A walk that reached a leaf.
  public struct Mapped: Hashable, Sendable {
    /// The buffer's name.
    public var name: String
    /// Its virtual address.
    public var virtual: UInt64
    /// The output address of its first byte.
    public var physical: UInt64
    /// The TTBR1 table address.
    public var rootTable: UInt64
    /// The levels walked.
    public var steps: [Step]
    /// The leaf.
    public var leaf: Leaf
    /// The entries covering the buffer (at most 4096).
    public var entries: [Entry]
    /// The other mappings of its pages.
    public var aliases: [Alias]
    /// The IO page table walk, behind an IOMMU.
    public var io: IOWalk?

    /// Creates a walk.
    public init(
      name: String, virtual: UInt64, physical: UInt64, rootTable: UInt64, steps: [Step],
      leaf: Leaf, entries: [Entry], aliases: [Alias] = [], io: IOWalk? = nil
    ) {
      self.name = name
      self.virtual = virtual
      self.physical = physical
      self.rootTable = rootTable
      self.steps = steps
      self.leaf = leaf
      self.entries = entries
      self.aliases = aliases
      self.io = io
    }
  }

  /// The walk.
  public var walk: Walk

  /// Creates a model.
  public init(walk: Walk) { self.walk = walk }
}
