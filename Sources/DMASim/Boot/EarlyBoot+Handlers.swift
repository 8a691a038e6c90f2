extension EarlyBoot {
  /// The reserved-memory handler table in link order: the CMA handler and the coherent pool
  /// handler for `shared-dma-pool` (contiguous.o before coherent.o), then swiotlb's
  /// `restricted-dma-pool`.
  private static let handlers: [(compatible: String, kind: HandlerKind)] = [
    ("shared-dma-pool", .cma), ("shared-dma-pool", .coherent),
    ("restricted-dma-pool", .restricted),
  ]

  enum HandlerKind {
    case cma
    case coherent
    case restricted
  }

  /// `fdt_init_reserved_mem_node`: runs matching handlers until one accepts; logs the
  /// region line, or "compatible matching fail" and gives the memory back.
  mutating func initialiseNode(_ index: Int, base: UInt64, size: UInt64) -> ReservedRegion.Kind {
    let node = nodes[index]
    var result: Result<ReservedRegion.Kind, KernelError> = .failure(.noEntry)
    for handler in Self.handlers where node.isCompatible(with: handler.compatible) {
      result = runHandler(handler.kind, node, base: base, size: size)
      if case .success = result {
        info(
          Self.prefix + "initialized node \(node.name), compatible id \(handler.compatible)")
        break
      }
    }
    if case .failure(let failure) = result, failure != .noEntry {
      info(Self.prefix + "node \(node.name) compatible matching fail")
      if node.noMap {
        memblock.setNoMap(false, base: base, size: size)
      } else {
        memblock.free(base: base, size: size)
      }
      return .rejected
    }
    let end = base &+ size &- 1
    guard profile.kernel.logsReservedRegions else {
      if case .success(let kind) = result { return kind }
      return .carveout
    }
    info(
      Self.prefix + "\(pa(base))..\(pa(end)) (\(size >> 10) KiB) \(node.noMap ? "nomap" : "map") "
        + "\(node.reusable ? "reusable" : "non-reusable") \(node.name)")
    if case .success(let kind) = result { return kind }
    return .carveout
  }

  private mutating func runHandler(
    _ kind: HandlerKind, _ node: ReservedMemoryNode, base: UInt64, size: UInt64
  ) -> Result<ReservedRegion.Kind, KernelError> {
    switch kind {
    case .cma: return cmaSetup(node, base: base, size: size)
    case .coherent:
      if node.reusable { return .failure(.invalid) }
      if profile.coherentPoolNeedsNoMap, !node.noMap {
        error("Reserved memory: regions without no-map are not yet supported")
        return .failure(.invalid)
      }
      info("Reserved memory: created DMA memory pool at \(pa(base)), size \(size >> 20) MiB")
      return .success(.coherentPool)
    case .restricted:
      if node.reusable || node.cmaDefault || node.dmaDefault || node.noMap {
        return .failure(.invalid)
      }
      info(
        "software IO TLB: Reserved memory: created restricted DMA pool at \(pa(base)), size "
          + "\(size >> 20) MiB")
      return .success(.carveout)
    }
  }

  /// `rmem_cma_setup`.
  private mutating func cmaSetup(_ node: ReservedMemoryNode, base: UInt64, size: UInt64)
    -> Result<ReservedRegion.Kind, KernelError>
  {
    if commandLine.cma != nil, node.cmaDefault {
      info("Reserved memory: bypass \(node.name) node, using cmdline CMA params instead")
      return .failure(.busy)
    }
    guard node.reusable, !node.noMap else { return .failure(.invalid) }
    guard (base | size) & (profile.cmaMinimumAlignment - 1) == 0 else {
      error("Reserved memory: incorrect alignment of CMA region")
      return .failure(.invalid)
    }
    if let failure = initReservedCMA(base: base, size: size, name: node.name) {
      error("Reserved memory: unable to setup CMA region")
      return .failure(failure)
    }
    if node.cmaDefault { defaultCMA = cmaAreas.count - 1 }
    info("Reserved memory: created CMA memory pool at \(pa(base)), size \(size >> 20) MiB")
    return .success(.cma)
  }

  /// `cma_init_reserved_mem(base, size, 0, name)`: nil on success.
  mutating func initReservedCMA(base: UInt64, size: UInt64, name: String) -> KernelError? {
    guard size != 0, memblock.isReserved(base: base, size: size) else { return .invalid }
    guard (base | size) & (profile.cmaMinimumAlignment - 1) == 0 else { return .invalid }
    guard cmaAreas.count < profile.maximumCMAAreas else {
      error("cma: Not enough slots for CMA reserved regions!")
      return .noSpace
    }
    cmaAreas.append(CMAArea(name: name, base: base, size: size))
    return nil
  }

  /// The reserved-memory regions for the result, in tree order.
  func reservedRegions() -> [ReservedRegion] {
    guard description.reservedMemory?.formatSupported == true else { return [] }
    var regions: [ReservedRegion] = []
    for (index, node) in nodes.enumerated() where node.available {
      func region(_ base: UInt64, _ size: UInt64, dynamic: Bool, _ kind: ReservedRegion.Kind)
        -> ReservedRegion
      {
        ReservedRegion(
          node: node.path, name: node.name, base: base, size: size, noMap: node.noMap,
          reusable: node.reusable, dynamic: dynamic, kind: kind)
      }
      if let reg = node.reg {
        guard reg.byteCount % entryBytes == 0 else { continue }
        var cell = 0
        for entry in 0..<(reg.byteCount / entryBytes) {
          let base = reg.number(at: cell, count: addressCells)
          let size = reg.number(at: cell + addressCells, count: sizeCells)
          cell += addressCells + sizeCells
          guard size != 0 else { continue }
          let kind = entry == 0 ? outcomes[index] ?? .carveout : .carveout
          regions.append(region(base, size, dynamic: false, kind))
        }
      } else if let sizeCells = node.size {
        let size = sizeCells.number(at: 0, count: min(self.sizeCells, sizeCells.cells.count))
        let base = dynamicBases[index] ?? 0
        regions.append(region(base, size, dynamic: true, outcomes[index] ?? .rejected))
      }
    }
    return regions
  }
}
