extension MemorySystem {
  /// `ioremap*`/`memremap`: a new kernel mapping of a physical range with the kind's type.
  mutating func remap(
    _ kind: RemapKind, _ physical: PhysAddr, size: UInt64, result: String?,
    bus: inout some MemoryBus
  ) {
    let call =
      kind.kernelName == "memremap"
      ? "memremap(\(physical.hex), \(Hex.prefixed(size)), \(kind.rawValue))"
      : "\(kind.kernelName)(\(physical.hex), \(Hex.prefixed(size)))"
    // System RAM in the linear map (`pfn_is_map_memory`); a `no-map` carve-out is not.
    let isRAM = pageTable.linearAddress(of: physical) != nil
    if isRAM {
      if kind == .memremapWB, let linear = pageTable.linearAddress(of: physical) {
        bus.log(
          .kernel, "memremap",
          "\(call) = \(linear.hex): System RAM, so try_ram_remap returns the linear-map "
            + "address (no new mapping)")
        bus.assign(.pointer(linear), to: result)
        return
      }
      if kind == .memremapWC {
        bus.log(
          .debug, "memremap",
          "memremap attempted on ram \(physical.hex) size: \(Hex.prefixed(size))",
          detail: "memremap refuses a non-write-back mapping of System RAM: the linear map already "
            + "maps it cacheable, and a second, non-cacheable alias would have mismatched "
            + "attributes. It returns NULL.")
      } else {
        bus.log(
          .debug, kind.kernelName,
          "WARNING: at arch/arm64/mm/ioremap.c: WARN_ON(pfn_is_map_memory(\(physical.pfn)))",
          detail: "arm64's ioremap_prot refuses to map RAM that the linear map already covers "
            + "(a Device or non-cacheable alias of cacheable memory). \(kind.kernelName) returns "
            + "NULL.")
      }
      bus.assign(.error(.null), to: result)
      return
    }
    let pages = max(1, (size + PhysicalMemory.pageSize - 1) / PhysicalMemory.pageSize)
    let offset = physical.rawValue % PhysicalMemory.pageSize
    let base = PhysAddr(physical.rawValue - offset)
    let virtual = bus.vmallocArea(size: pages * PhysicalMemory.pageSize)
    let type = kind.memoryType
    pageTable.add(
      KernelMapping(
        name: "\(kind.kernelName) \(base.hex)", virtualBase: virtual, physicalBase: base,
        size: pages * PhysicalMemory.pageSize, memoryType: type, granule: PhysicalMemory.pageSize))
    let pointer = virtual.advanced(by: offset)
    bus.log(
      .kernel, kind.kernelName,
      "\(call) = \(pointer.hex): \(pages) page(s) in the vmalloc area as \(type.kernelName) "
        + "(ARM32: \(type.arm32Name), C=\(type.cacheBufferBits.c ? 1 : 0) "
        + "B=\(type.cacheBufferBits.b ? 1 : 0))")
    bus.assign(.pointer(pointer), to: result)
  }

  /// `iounmap`/`memunmap`: removes a remap made by `remap` (the linear address of a
  /// `MEMREMAP_WB` of RAM is left alone).
  mutating func unmapRemap(_ pointer: Operand, memunmap: Bool, bus: inout some MemoryBus) {
    let name = memunmap ? "memunmap" : "iounmap"
    guard let value = bus.resolve(pointer, for: name) else { return }
    guard case .pointer(let virtual) = value else {
      bus.log(.debug, name, "\(pointer.text) is \(value.text), not a mapped address")
      return
    }
    let page = VirtAddr(virtual.rawValue - virtual.rawValue % PhysicalMemory.pageSize)
    guard let mapping = pageTable.translate(virtual)?.mapping,
      mapping.virtualBase == page, mapping.name != KernelMapping.linearMapName
    else {
      bus.log(.kernel, name, "\(name)(\(virtual.hex)): not a remap, nothing to undo")
      return
    }
    pageTable.remove(startingAt: page)
    bus.log(.kernel, name, "\(name)(\(virtual.hex)): \(mapping.name) unmapped")
  }

  /// `show_pte(addr)` (arch/arm64/mm/fault.c): the walk for one address, level by level.
  func showPTE(_ pointer: Operand, bus: inout some MemoryBus) {
    guard let value = bus.resolve(pointer, for: "show_pte") else { return }
    let address: VirtAddr
    switch value {
    case .pointer(let virtual): address = virtual
    default:
      bus.log(.debug, "show_pte", "\(pointer.text) is \(value.text), not a kernel virtual address")
      return
    }
    let walk = pageTable.walk(address)
    bus.log(
      .kernel, "show_pte",
      "swapper pgtable: 4k pages, 48-bit VAs, pgdp=\(pageTable.rootTable.hex)")
    let parts = walk.steps.map { "\($0.levelName)=\(Hex.format($0.descriptor, digits: 16))" }
    var line = "[\(address.hex)] " + parts.joined(separator: ", ")
    if let leaf = walk.leaf, let physical = walk.physical {
      let kind = leaf.isBlock ? "\(Hex.size(leaf.size)) block" : "4K page"
      line += " → \(physical.hex) (\(kind), \(leaf.attributes.summary))"
    } else {
      line += " → translation fault at level \(walk.faultLevel ?? 0)"
    }
    bus.log(.kernel, "show_pte", line)
    let aliases = walk.physical.map { pageTable.aliases(of: $0) }
    if let aliases, aliases.mismatched {
      let list = aliases.aliases.map { "\($0.virtual.hex) \($0.memoryType.kernelName)" }
      bus.log(
        .kernel, "show_pte",
        "page \(aliases.page.hex) has \(aliases.aliases.count) mappings with different "
          + "attributes: " + list.joined(separator: ", "),
        detail: aliases.aliases.contains(where: \.memoryType.isCacheable)
          ? "Mismatched aliases: a cacheable alias can hold lines that the non-cacheable one "
            + "never sees. The kernel cleans the cacheable alias once (arch_dma_prep_coherent) "
            + "and must never use it afterwards."
          : "Mismatched aliases: neither is cacheable, but their ordering and gathering rules "
            + "differ, so accesses through one are not ordered against accesses through the other.")
    }
  }
}
