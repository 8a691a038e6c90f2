extension Machine {
  /// Runs a barrier, a remap or a page-table dump.
  mutating func executeMemoryAttributeCall(_ action: Action) {
    switch action.operation {
    case .barrier(let barrier): runBarrier(barrier)
    case .remap(let kind, let physical, let size):
      remap(kind, PhysAddr(physical), size: size, result: action.result)
    case .unmapRemap(let pointer, let memunmap): unmapRemap(pointer, memunmap: memunmap)
    case .showPTE(let pointer): showPTE(pointer)
    default: break
    }
  }

  /// `wmb()`/`mb()`/`dma_wmb()` drain the write buffer; `rmb()`/`dma_rmb()` order loads only.
  mutating func runBarrier(_ barrier: MemoryBarrier) {
    let instruction = barrier.instruction(board.architecture)
    guard barrier.ordersStores else {
      log(
        .kernel, barrier.kernelName,
        "\(barrier.kernelName)(): \(instruction) — later loads wait for earlier ones; buffered "
          + "stores are not affected (\(memory.writeBuffer.entries.count) line(s) still buffered)")
      return
    }
    if memory.writeBuffer.entries.isEmpty {
      log(
        .kernel, barrier.kernelName,
        "\(barrier.kernelName)(): \(instruction) — the write buffer is empty, nothing to wait for")
      return
    }
    drainWriteBuffer(by: "\(barrier.kernelName)()", instruction: instruction)
  }

  /// Drains every buffered store to RAM, logging who asked (a barrier or `writel`'s `__iowmb`).
  mutating func drainWriteBuffer(by caller: String, instruction: String) {
    guard !memory.writeBuffer.entries.isEmpty else { return }
    let entries = memory.writeBuffer.drainAll()
    log(
      .kernel, caller.hasSuffix("()") ? String(caller.dropLast(2)) : caller,
      "\(caller): \(instruction) — \(entries.count) buffered line(s) drain to RAM; a device "
        + "reading after this sees them")
    for entry in entries { writeOut(entry, why: "barrier") }
  }

  /// The `.writeBufferDrain` event: entries that waited `drainTicks` go to RAM on their own.
  mutating func drainAgedWriteBuffer() {
    for entry in memory.writeBuffer.drainAged(at: clock) { writeOut(entry, why: "aged") }
    scheduleWriteBufferDrain()
  }

  /// Schedules the next timed drain, if something is buffered and no drain is pending.
  mutating func scheduleWriteBufferDrain() {
    guard let tick = memory.writeBuffer.nextDrainTick, !agenda.contains(.writeBufferDrain) else {
      return
    }
    agenda.schedule(.writeBufferDrain, at: max(tick, clock + 1))
  }

  /// A bufferable store: it waits in the write buffer, merging with others to its line.
  mutating func bufferedStore(_ physical: PhysAddr, _ bytes: [UInt8], _ type: MemoryType) {
    let outcome = memory.writeBuffer.store(physical, bytes: bytes, tick: clock)
    if let drained = outcome.drained { writeOut(drained, why: "full") }
    let line = memory.cache.geometry.lineAddress(physical)
    log(
      .hardware, "str",
      "\(bytes.count) bytes at \(physical.hex) (\(type.kernelName), bufferable) → write buffer: "
        + (outcome.merged
          ? "merged into the entry for line \(line.hex)"
          : "new entry for line \(line.hex) (\(memory.writeBuffer.entries.count)/"
            + "\(memory.writeBuffer.spec.entries) used)")
        + "; RAM and devices do not see it yet",
      addresses: [LogAddress(.phys, physical.rawValue)])
    scheduleWriteBufferDrain()
  }

  /// Writes one drained entry to RAM.
  private mutating func writeOut(_ entry: WriteBufferEntry, why: String) {
    memory.ram.write(entry)
    run.lastTouch.physical.append(
      MemoryRegion(name: "drain", base: entry.line.rawValue, size: UInt64(entry.bytes.count)))
    let reason =
      switch why {
      case "full": "buffer full, oldest entry drained"
      case "aged": "drained after \(memory.writeBuffer.spec.drainTicks) ticks"
      default: "drained by the barrier"
      }
    log(
      .hardware, "write buffer",
      "line \(entry.line.hex): \(entry.byteCount) bytes from \(entry.stores) store(s) → RAM in "
        + "one burst (\(reason))",
      addresses: [LogAddress(.line, entry.line.rawValue)])
  }

  /// `ioremap*`/`memremap`: a new kernel mapping of a physical range with the kind's type.
  mutating func remap(_ kind: RemapKind, _ physical: PhysAddr, size: UInt64, result: String?) {
    let call =
      kind.kernelName == "memremap"
      ? "memremap(\(physical.hex), \(Hex.prefixed(size)), \(kind.rawValue))"
      : "\(kind.kernelName)(\(physical.hex), \(Hex.prefixed(size)))"
    // System RAM in the linear map (`pfn_is_map_memory`); a `no-map` carve-out is not.
    let isRAM = memory.pageTable.linearAddress(of: physical) != nil
    if isRAM {
      if kind == .memremapWB, let linear = memory.pageTable.linearAddress(of: physical) {
        log(
          .kernel, "memremap",
          "\(call) = \(linear.hex): System RAM, so try_ram_remap returns the linear-map "
            + "address (no new mapping)")
        assign(.pointer(linear), to: result)
        return
      }
      if kind == .memremapWC {
        log(
          .debug, "memremap",
          "memremap attempted on ram \(physical.hex) size: \(Hex.prefixed(size))",
          detail: "memremap refuses a non-write-back mapping of System RAM: the linear map already "
            + "maps it cacheable, and a second, non-cacheable alias would have mismatched "
            + "attributes. It returns NULL.")
      } else {
        log(
          .debug, kind.kernelName,
          "WARNING: at arch/arm64/mm/ioremap.c: WARN_ON(pfn_is_map_memory(\(physical.pfn)))",
          detail: "arm64's ioremap_prot refuses to map RAM that the linear map already covers "
            + "(a Device or non-cacheable alias of cacheable memory). \(kind.kernelName) returns "
            + "NULL.")
      }
      assign(.error(.null), to: result)
      return
    }
    let pages = max(1, (size + PhysicalMemory.pageSize - 1) / PhysicalMemory.pageSize)
    let offset = physical.rawValue % PhysicalMemory.pageSize
    let base = PhysAddr(physical.rawValue - offset)
    let virtual = VirtAddr(allocators.nextVmalloc)
    allocators.nextVmalloc += (pages + 1) * PhysicalMemory.pageSize
    let type = kind.memoryType
    memory.pageTable.add(
      KernelMapping(
        name: "\(kind.kernelName) \(base.hex)", virtualBase: virtual, physicalBase: base,
        size: pages * PhysicalMemory.pageSize, memoryType: type, granule: PhysicalMemory.pageSize))
    let pointer = virtual.advanced(by: offset)
    log(
      .kernel, kind.kernelName,
      "\(call) = \(pointer.hex): \(pages) page(s) in the vmalloc area as \(type.kernelName) "
        + "(ARM32: \(type.arm32Name), C=\(type.cacheBufferBits.c ? 1 : 0) "
        + "B=\(type.cacheBufferBits.b ? 1 : 0))")
    assign(.pointer(pointer), to: result)
  }

  /// `iounmap`/`memunmap`: removes a remap made by `remap` (the linear address of a
  /// `MEMREMAP_WB` of RAM is left alone).
  mutating func unmapRemap(_ pointer: Operand, memunmap: Bool) {
    let name = memunmap ? "memunmap" : "iounmap"
    guard let value = resolve(pointer, for: name) else { return }
    guard case .pointer(let virtual) = value else {
      log(.debug, name, "\(pointer.text) is \(value.text), not a mapped address")
      return
    }
    let page = VirtAddr(virtual.rawValue - virtual.rawValue % PhysicalMemory.pageSize)
    guard let mapping = memory.pageTable.translate(virtual)?.mapping,
      mapping.virtualBase == page, mapping.name != KernelMapping.linearMapName
    else {
      log(.kernel, name, "\(name)(\(virtual.hex)): not a remap, nothing to undo")
      return
    }
    memory.pageTable.remove(startingAt: page)
    log(.kernel, name, "\(name)(\(virtual.hex)): \(mapping.name) unmapped")
  }

  /// `show_pte(addr)` (arch/arm64/mm/fault.c): the walk for one address, level by level.
  mutating func showPTE(_ pointer: Operand) {
    guard let value = resolve(pointer, for: "show_pte") else { return }
    let address: VirtAddr
    switch value {
    case .pointer(let virtual): address = virtual
    default:
      log(.debug, "show_pte", "\(pointer.text) is \(value.text), not a kernel virtual address")
      return
    }
    let walk = memory.pageTable.walk(address)
    log(
      .kernel, "show_pte",
      "swapper pgtable: 4k pages, 48-bit VAs, pgdp=\(memory.pageTable.rootTable.hex)")
    let parts = walk.steps.map { "\($0.levelName)=\(Hex.format($0.descriptor, digits: 16))" }
    var line = "[\(address.hex)] " + parts.joined(separator: ", ")
    if let leaf = walk.leaf, let physical = walk.physical {
      let kind = leaf.isBlock ? "\(Hex.size(leaf.size)) block" : "4K page"
      line += " → \(physical.hex) (\(kind), \(leaf.attributes.summary))"
    } else {
      line += " → translation fault at level \(walk.faultLevel ?? 0)"
    }
    log(.kernel, "show_pte", line)
    let aliases = walk.physical.map { memory.pageTable.aliases(of: $0) }
    if let aliases, aliases.mismatched {
      let list = aliases.aliases.map { "\($0.virtual.hex) \($0.memoryType.kernelName)" }
      log(
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
