import DMASim

extension AddressSpaceColumns {
  /// The CPU-virtual regions to scale: every kernel mapping (linear map, vmalloc and coherent
  /// remaps, ioremap).
  static func virtualScaleRegions(_ machine: Machine) -> [ScaleStrip.Region] {
    machine.memory.pageTable.mappings.map { mapping in
      let kind: ScaleStrip.Kind =
        mapping.name.hasPrefix("ioremap")
        ? .mmio : mapping.name.hasPrefix("linear") ? .memory : .pool
      return ScaleStrip.Region(
        label: mapping.name.replacingPrefix("ioremap ", with: "io "),
        start: mapping.virtualBase.rawValue,
        last: mapping.virtualBase.rawValue &+ (max(mapping.size, 1) - 1),
        kind: kind, depth: 0)
    }
  }

  /// The physical regions to scale: DRAM banks and MMIO, and inside DRAM the kernel image,
  /// no-map carve-outs, CMA areas, coherent pools and the swiotlb pool.
  static func physicalScaleRegions(_ machine: Machine) -> [ScaleStrip.Region] {
    let board = machine.board
    func region(
      _ label: String, _ base: UInt64, _ size: UInt64, _ kind: ScaleStrip.Kind, _ depth: Int
    )
      -> ScaleStrip.Region
    {
      ScaleStrip.Region(
        label: label, start: base, last: base &+ (max(size, 1) - 1), kind: kind, depth: depth)
    }
    var regions = board.dram.map { region("DRAM \($0.name)", $0.base, $0.size, .memory, 0) }
    regions += board.mmio.map { region("MMIO \($0.name)", $0.base, $0.size, .mmio, 0) }
    let kernel = board.kernelReserved
    regions.append(region("kernel", kernel.base, kernel.size, .reserved, 1))
    regions += board.noMapRegions.map {
      region("no-map \($0.name)", $0.base, $0.size, .reserved, 1)
    }
    regions += machine.allocators.cmaAreas.map {
      region("CMA \($0.name)", $0.base, $0.size, .cma, 1)
    }
    regions += machine.dma.coherentPools.map {
      region("pool \($0.name)", $0.pool.physicalBase, UInt64($0.pool.pages) << 12, .pool, 2)
    }
    if let swiotlb = machine.dma.swiotlb {
      let size = UInt64(swiotlb.slotCount) * SwiotlbPool.slotSize
      regions.append(region("swiotlb", swiotlb.start, size, .swiotlb, 2))
    }
    return regions
  }

  /// The bus regions to scale: the device's IOVA ranges behind an IOMMU, else DRAM as the
  /// device addresses it (CPU physical minus its dma-ranges offset).
  func busScaleRegions(_ machine: Machine) -> [ScaleStrip.Region] {
    if let iova {
      return iova.regions.map { region in
        let kind: ScaleStrip.Kind =
          region.range.reserved ? .reserved : region.cached ? .freed : .memory
        let label =
          region.range.reserved
          ? (region.start == IOMMU.msiIOVABase ? "MSI window rsv" : "reserved")
          : region.cached ? "iova freed" : "iova \(region.range.pages)p"
        return ScaleStrip.Region(
          label: label, start: region.start, last: region.start &+ (max(region.size, 1) - 1),
          kind: kind, depth: 0)
      }
    }
    return bus.filter { !$0.isBuffer }.enumerated().compactMap { index, row in
      guard index < machine.board.dram.count else { return nil }
      let size = machine.board.dram[index].size
      return ScaleStrip.Region(
        label: row.label, start: row.address, last: row.address &+ (max(size, 1) - 1),
        kind: .memory,
        depth: 0)
    }
  }
}
