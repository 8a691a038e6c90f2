import DMASim

extension CMAPanelModel {
  /// The adapter: the CMA area at `areaIndex` (pages, owners, free-space figures), the other
  /// areas, the pools and the IOMMUs, read from the machine.
  public init(machine: Machine, areaIndex: Int = 0, zoom: Int = 0, cursorPage: UInt64? = nil) {
    let areas = machine.allocators.cmaAreas
    let area =
      areas.indices.contains(areaIndex)
      ? Area(areas[areaIndex], allocations: machine.allocators.allocations) : nil
    let others = areas.enumerated().filter { $0.offset != areaIndex }.map {
      OtherArea(
        name: $0.element.name, used: $0.element.used, count: $0.element.count,
        maxChunk: $0.element.maxChunk)
    }
    var pools: [Pool] = []
    for entry in machine.dma.coherentPools {
      let pool = entry.pool
      pools.append(
        Pool(
          header: .coherent(
            name: entry.name, physicalBase: pool.physicalBase, deviceBase: pool.deviceBase,
            usedPages: pool.usedPages, pages: pool.pages, devices: entry.devices),
          label: "pool", used: (0..<max(0, pool.pages)).map { pool.bitmap.test($0) }))
    }
    for entry in machine.dma.dmaPools where !entry.destroyed {
      let pool = entry.pool
      // Blocks in carving order: used unless on the free list.
      let free = Set(pool.freeList)
      var used: [Bool] = []
      for chunk in pool.chunks.reversed() {
        for offset in chunk.blockOffsets { used.append(!free.contains(chunk.dma + UInt64(offset))) }
      }
      pools.append(
        Pool(
          header: .dmaPool(
            name: pool.name, device: entry.device, active: pool.active,
            totalBlocks: pool.totalBlocks, blockSize: Int(pool.size), chunks: pool.chunks.count),
          label: "blocks", used: used))
    }
    if let swiotlb = machine.dma.swiotlb {
      pools.append(
        Pool(
          header: .swiotlb(
            start: swiotlb.start, size: UInt64(swiotlb.slotCount) * SwiotlbPool.slotSize,
            usedSlots: swiotlb.usedSlots, slotCount: swiotlb.slotCount,
            bounces: machine.dma.bounces.count),
          label: "slots", used: swiotlb.slots.map { $0.originalAddress != nil }))
    }
    let iommus = machine.iommus.map { iommu in
      let tlb = iommu.iotlb
      let domains = iommu.domains.filter { $0.iovad.ranges.contains { !$0.reserved } }.map {
        domain in
        let ranges = domain.iovad.ranges.filter { !$0.reserved }
        return Domain(
          device: domain.device, contextBank: domain.contextBank, ranges: ranges.count,
          pages: ranges.reduce(UInt64(0)) { $0 + $1.pages }, mappedPages: domain.mappedPages,
          tlb: tlb.entries.filter { $0.contextBank == domain.contextBank }.map {
            TLBEntry(iovaPage: $0.iovaPage, physicalPage: $0.physicalPage.rawValue)
          })
      }
      return IOMMU(
        name: iommu.spec.kernelName, tlbEntries: tlb.entries.count, tlbCapacity: tlb.capacity,
        hits: tlb.hits, misses: tlb.misses, faults: iommu.faults, domains: domains)
    }
    self.init(
      area: area, otherAreas: others, cmaOwners: CMAPanel.cmaOwners(machine),
      reservedPoolRows: CMAPanel.reservedPoolRows(machine), pools: pools, iommus: iommus,
      zoom: zoom, cursorPage: cursorPage)
  }
}

extension CMAPanelModel.Area {
  /// A CMA area as the strip draws it: its bitmap's allocated runs as page ranges, lent and
  /// pinned pages, the live allocations from it and the free-space figures.
  public init(_ area: CMAArea, allocations: [Allocation]) {
    let clear = area.bitmap.clearRuns()
    let shift = UInt64(area.orderPerBit)
    var allocated: [Range<UInt64>] = []
    var bit = 0
    for run in clear + [(start: area.bitmap.count, end: area.bitmap.count)] {
      if run.start > bit { allocated.append(UInt64(bit) << shift..<UInt64(run.start) << shift) }
      bit = run.end
    }
    let free = CMAFreeSpace(area, clearRuns: clear)
    let owners = allocations.filter { $0.cmaArea == area.name }.sorted { $0.physical < $1.physical }
    self.init(
      name: area.name, basePFN: area.basePFN, count: area.count, used: area.used,
      allocated: allocated, lent: Self.offsets(area.borrowed, base: area.basePFN),
      pinned: Self.offsets(area.pinned, base: area.basePFN), maxChunk: free.maxChunk,
      freeRuns: free.runs, fragmentationPercent: free.fragmentationPercent,
      owners: owners.map {
        CMAPanelModel.Owner(
          name: $0.name, pfn: $0.physical.pfn, reservedSize: $0.reservedSize,
          allocator: $0.allocator)
      })
  }

  /// Page frame numbers as ascending page offsets from `base` (frames below it dropped).
  private static func offsets(_ pfns: Set<UInt64>, base: UInt64) -> [UInt64] {
    pfns.filter { $0 >= base }.map { $0 - base }.sorted()
  }
}

extension CMAPanel {
  /// Creates the panel for a machine (builds the model with `CMAPanelModel(machine:…)`).
  public init(context: PanelContext, areaIndex: Int = 0, zoom: Int = 0, cursorPage: UInt64? = nil) {
    self.init(
      look: context.look,
      model: CMAPanelModel(
        machine: context.machine, areaIndex: areaIndex, zoom: zoom, cursorPage: cursorPage))
  }

  /// Live allocations from any CMA area.
  static func cmaOwners(_ machine: Machine) -> Int {
    machine.allocators.allocations.filter { $0.cmaArea != nil }.count
  }

  /// Rows the strip leaves for the pools: two per coherent pool, live dma_pool and swiotlb.
  static func reservedPoolRows(_ machine: Machine) -> Int {
    2 * machine.dma.coherentPools.count + 2 * machine.dma.dmaPools.filter { !$0.destroyed }.count
      + (machine.dma.swiotlb == nil ? 0 : 2)
  }

  /// The strip geometry for an inner area on a machine (see `stripShape(width:height:…)`).
  public static func stripShape(width: Int, height: Int, machine: Machine) -> (
    rows: Int, columns: Int
  ) {
    stripShape(
      width: width, height: height, cmaOwners: cmaOwners(machine),
      poolRows: reservedPoolRows(machine))
  }

  /// The strip shown for a machine's area at a zoom level around a cursor page.
  public static func strip(
    _ area: CMAArea, allocations: [Allocation], zoom: Int, cursorPage: UInt64?, capacity: Int
  ) -> CMAStrip {
    strip(
      CMAPanelModel.Area(area, allocations: allocations), zoom: zoom, cursorPage: cursorPage,
      capacity: capacity)
  }
}

extension CMAStrip {
  /// Pages per cell that fit a whole area into `capacity` cells (zoom level 0).
  public static func fittingPagesPerCell(_ area: CMAArea, capacity: Int) -> UInt64 {
    fittingPagesPerCell(pages: area.count, capacity: capacity)
  }

  /// Builds the strip for a machine's area.
  public init(
    area: CMAArea, allocations: [Allocation], firstPage: UInt64, pagesPerCell: UInt64,
    capacity: Int
  ) {
    self.init(
      area: CMAPanelModel.Area(area, allocations: allocations), firstPage: firstPage,
      pagesPerCell: pagesPerCell, capacity: capacity)
  }
}

/// A CMA area's free-space figures from one pass over its bitmap.
public struct CMAFreeSpace: Hashable, Sendable {
  /// debugfs `maxchunk`: the longest free run, in pages.
  public var maxChunk: UInt64
  /// The number of separate free runs.
  public var runs: Int
  /// Free pages outside the longest run, as a share of all free pages (0 to 100).
  public var fragmentationPercent: Int

  /// Reads the area's bitmap once.
  public init(_ area: CMAArea) { self.init(area, clearRuns: area.bitmap.clearRuns()) }

  /// The figures from the bitmap's clear runs.
  init(_ area: CMAArea, clearRuns clear: [(start: Int, end: Int)]) {
    let longest = UInt64(clear.map { $0.end - $0.start }.max() ?? 0) << UInt64(area.orderPerBit)
    maxChunk = longest
    runs = clear.count
    let free = area.availableCount
    fragmentationPercent = free > 0 ? Int((free - min(longest, free)) * 100 / free) : 0
  }
}
