/// What the CMA panel shows: one CMA area's pages (allocated, lent, pinned, owners) and
/// free-space figures, the other areas' totals, the per-device coherent pools, dma_pools,
/// swiotlb and IOMMUs.
public struct CMAPanelModel: Hashable, Sendable {
  /// An allocation from the area (`cma_alloc`).
  public struct Owner: Hashable, Sendable {
    /// The buffer's name.
    public var name: String
    /// Its first page frame number.
    public var pfn: UInt64
    /// Bytes reserved for it.
    public var reservedSize: UInt64
    /// The allocator that made it.
    public var allocator: String

    /// Creates an owner.
    public init(name: String, pfn: UInt64, reservedSize: UInt64, allocator: String = "cma_alloc") {
      self.name = name
      self.pfn = pfn
      self.reservedSize = reservedSize
      self.allocator = allocator
    }
  }

  /// The area the strip shows.
  public struct Area: Hashable, Sendable {
    /// Its name (`reserved`, `linux,cma`).
    public var name: String
    /// Its first page frame number.
    public var basePFN: UInt64
    /// Its pages.
    public var count: UInt64
    /// Pages allocated from it.
    public var used: UInt64
    /// Allocated page ranges (page offsets in the area, ascending, as the bitmap's bits cover
    /// them).
    public var allocated: [Range<UInt64>]
    /// Page offsets lent to the buddy allocator for movable pages.
    public var lent: [UInt64]
    /// Page offsets of lent pages that are pinned.
    public var pinned: [UInt64]
    /// debugfs `maxchunk`: the longest free run, in pages.
    public var maxChunk: UInt64
    /// The number of separate free runs.
    public var freeRuns: Int
    /// Free pages outside the longest run, as a share of all free pages (0 to 100).
    public var fragmentationPercent: Int
    /// The live allocations from it, by physical address.
    public var owners: [Owner]

    /// Creates an area.
    public init(
      name: String, basePFN: UInt64, count: UInt64, used: UInt64 = 0,
      allocated: [Range<UInt64>] = [], lent: [UInt64] = [], pinned: [UInt64] = [],
      maxChunk: UInt64 = 0, freeRuns: Int = 0, fragmentationPercent: Int = 0, owners: [Owner] = []
    ) {
      self.name = name
      self.basePFN = basePFN
      self.count = count
      self.used = used
      self.allocated = allocated
      self.lent = lent
      self.pinned = pinned
      self.maxChunk = maxChunk
      self.freeRuns = freeRuns
      self.fragmentationPercent = fragmentationPercent
      self.owners = owners
    }

    /// The area's physical base address.
    var base: UInt64 { basePFN << 12 }
    /// The area's size in bytes.
    var size: UInt64 { count << 12 }
  }

  /// Another CMA area, as one summary line.
  public struct OtherArea: Hashable, Sendable {
    /// Its name.
    public var name: String
    /// Pages allocated.
    public var used: UInt64
    /// Pages in all.
    public var count: UInt64
    /// debugfs `maxchunk`.
    public var maxChunk: UInt64

    /// Creates a summary.
    public init(name: String, used: UInt64, count: UInt64, maxChunk: UInt64) {
      self.name = name
      self.used = used
      self.count = count
      self.maxChunk = maxChunk
    }
  }

  /// A pool's header line.
  public enum PoolHeader: Hashable, Sendable {
    /// A per-device coherent pool (`dma_init_coherent_memory`).
    case coherent(
      name: String, physicalBase: UInt64, deviceBase: UInt64, usedPages: Int, pages: Int,
      devices: [String])
    /// A live `dma_pool`.
    case dmaPool(
      name: String, device: String, active: Int, totalBlocks: Int, blockSize: Int, chunks: Int)
    /// The swiotlb pool.
    case swiotlb(start: UInt64, size: UInt64, usedSlots: Int, slotCount: Int, bounces: Int)
  }

  /// A pool: its header and one occupancy strip.
  public struct Pool: Hashable, Sendable {
    /// The header.
    public var header: PoolHeader
    /// The strip's label (`pool`, `blocks`, `slots`).
    public var label: String
    /// Per unit (page, block, slot), whether it is in use; an empty dma_pool has no strip.
    public var used: [Bool]

    /// Creates a pool.
    public init(header: PoolHeader, label: String, used: [Bool]) {
      self.header = header
      self.label = label
      self.used = used
    }
  }

  /// One translation the IOTLB holds.
  public struct TLBEntry: Hashable, Sendable {
    /// The IOVA page.
    public var iovaPage: UInt64
    /// The physical page.
    public var physicalPage: UInt64

    /// Creates an entry.
    public init(iovaPage: UInt64, physicalPage: UInt64) {
      self.iovaPage = iovaPage
      self.physicalPage = physicalPage
    }
  }

  /// A DMA domain in use.
  public struct Domain: Hashable, Sendable {
    /// The device attached.
    public var device: String
    /// Its context bank.
    public var contextBank: Int
    /// IOVA ranges allocated (reserved ones excluded).
    public var ranges: Int
    /// Pages in those ranges.
    public var pages: UInt64
    /// Pages the IO page table maps.
    public var mappedPages: Int
    /// The IOTLB's translations for this context bank.
    public var tlb: [TLBEntry]

    /// Creates a domain.
    public init(
      device: String, contextBank: Int, ranges: Int, pages: UInt64, mappedPages: Int,
      tlb: [TLBEntry] = []
    ) {
      self.device = device
      self.contextBank = contextBank
      self.ranges = ranges
      self.pages = pages
      self.mappedPages = mappedPages
      self.tlb = tlb
    }
  }

  /// An IOMMU and its IOTLB.
  public struct IOMMU: Hashable, Sendable {
    /// The kernel's name for it.
    public var name: String
    /// IOTLB entries held.
    public var tlbEntries: Int
    /// IOTLB capacity.
    public var tlbCapacity: Int
    /// IOTLB hits.
    public var hits: Int
    /// IOTLB misses.
    public var misses: Int
    /// Translation faults.
    public var faults: Int
    /// The DMA domains in use.
    public var domains: [Domain]

    /// Creates an IOMMU.
    public init(
      name: String, tlbEntries: Int = 0, tlbCapacity: Int, hits: Int = 0, misses: Int = 0,
      faults: Int = 0, domains: [Domain] = []
    ) {
      self.name = name
      self.tlbEntries = tlbEntries
      self.tlbCapacity = tlbCapacity
      self.hits = hits
      self.misses = misses
      self.faults = faults
      self.domains = domains
    }
  }

  /// The area the strip shows (nil: the board has none).
  public var area: Area?
  /// The other CMA areas.
  public var otherAreas: [OtherArea]
  /// Live allocations from any CMA area (the strip leaves room for up to three owners).
  public var cmaOwners: Int
  /// Rows the strip leaves for the pools: two per coherent pool, live dma_pool and swiotlb.
  public var reservedPoolRows: Int
  /// The pools.
  public var pools: [Pool]
  /// The IOMMUs.
  public var iommus: [IOMMU]
  /// Zoom level: each level halves the pages per cell, down to one page.
  public var zoom: Int
  /// The page (offset in the area) under the cursor; its cell is highlighted.
  public var cursorPage: UInt64?

  /// Creates a model; `cmaOwners` and `reservedPoolRows` default to what `area` and `pools`
  /// hold.
  public init(
    area: Area?, otherAreas: [OtherArea] = [], cmaOwners: Int? = nil,
    reservedPoolRows: Int? = nil, pools: [Pool] = [], iommus: [IOMMU] = [], zoom: Int = 0,
    cursorPage: UInt64? = nil
  ) {
    self.area = area
    self.otherAreas = otherAreas
    self.cmaOwners = cmaOwners ?? area?.owners.count ?? 0
    self.reservedPoolRows = reservedPoolRows ?? 2 * pools.count
    self.pools = pools
    self.iommus = iommus
    self.zoom = zoom
    self.cursorPage = cursorPage
  }
}
