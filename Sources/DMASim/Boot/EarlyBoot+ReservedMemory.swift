extension EarlyBoot {
  static let prefix = "OF: reserved mem: "

  var nodes: [ReservedMemoryNode] { description.reservedMemory?.nodes ?? [] }
  var addressCells: Int { description.rootAddressCells }
  var sizeCells: Int { description.rootSizeCells }
  /// `t_len` in bytes.
  var entryBytes: Int { (addressCells + sizeCells) * 4 }

  /// `fdt_scan_reserved_mem`: reserves every static region, then allocates the dynamic ones
  /// (saving and initialising each at once).
  mutating func scanReservedMemory() {
    guard let reservedMemory = description.reservedMemory else { return }
    guard reservedMemory.formatSupported else {
      error(Self.prefix + "Reserved memory: unsupported node format, ignoring")
      return
    }
    var count = 0
    var dynamic: [Int] = []
    for (index, node) in nodes.enumerated() where node.available {
      guard let reg = node.reg else {
        if node.size != nil { dynamic.append(index) }
        continue
      }
      if reserveStatic(node, reg) { count += 1 }
    }
    if profile.kernel.placesDynamicRegionsAfterMemreserve {
      capacity = 64  // v6.1: reserved_mem[MAX_RESERVED_REGIONS]
      return
    }
    for index in dynamic where allocateDynamic(index) { count += 1 }
    capacity = count
  }

  /// v6.1 `fdt_init_reserved_mem` (after `/memreserve/`): every node was saved in tree order,
  /// a static one with its first region and a dynamic one with base 0 and size 0;
  /// `__rmem_check_for_overlap` sorts them with `__rmem_cmp` (base, then size) through
  /// lib/sort.c's heapsort, which is not stable, so equal dynamic entries come out in its
  /// order; then each dynamic region is placed and every node's handler runs in that order
  /// (drivers/of/of_reserved_mem.c).
  mutating func initialiseReservedMemoryV61() {
    guard let reservedMemory = description.reservedMemory, reservedMemory.formatSupported
    else { return }
    var entries: [SavedRegion] = []
    for (index, node) in nodes.enumerated() where node.available {
      if let reg = node.reg {
        guard reg.byteCount >= entryBytes, reg.byteCount % entryBytes == 0 else { continue }
        let base = reg.number(at: 0, count: addressCells)
        let size = reg.number(at: addressCells, count: sizeCells)
        entries.append(SavedRegion(nodeIndex: index, base: base, size: size))
      } else if node.size != nil {
        entries.append(SavedRegion(nodeIndex: index, base: 0, size: 0))
      }
    }
    let order = KernelHeapSort.order(count: entries.count) { left, right in
      let a = entries[left]
      let b = entries[right]
      if a.base != b.base { return a.base < b.base ? -1 : 1 }
      if a.size != b.size { return a.size < b.size ? -1 : 1 }
      return 0
    }
    for entry in order.map({ entries[$0] }) {
      if entry.size == 0 {
        _ = allocateDynamic(entry.nodeIndex)
      } else {
        save(entry.nodeIndex, base: entry.base, size: entry.size)
      }
    }
    checkOverlaps()
  }

  /// `__reserved_mem_reserve_reg`: true when the `reg` is well formed.
  private mutating func reserveStatic(_ node: ReservedMemoryNode, _ reg: CellData) -> Bool {
    if reg.byteCount != 0, reg.byteCount % entryBytes != 0 {
      error(
        Self.prefix + "Reserved memory: invalid reg property in '\(node.name)', skipping node.")
      return false
    }
    var cell = 0
    for _ in 0..<(reg.byteCount / entryBytes) {
      let base = reg.number(at: cell, count: addressCells)
      let size = reg.number(at: cell + addressCells, count: sizeCells)
      cell += addressCells + sizeCells
      if size == 0 || !reserveEarly(base: base, size: size, noMap: node.noMap) {
        error(
          Self.prefix + "Reserved memory: failed to reserve memory for node '\(node.name)': "
            + "base \(pa(base)), size \(size >> 20) MiB")
      }
    }
    return true
  }

  /// `early_init_dt_reserve_memory`: `no-map` regions are refused over reserved memory.
  private mutating func reserveEarly(base: UInt64, size: UInt64, noMap: Bool) -> Bool {
    guard noMap else {
      memblock.reserve(base: base, size: size)
      return true
    }
    if memblock.overlapsMemory(base: base, size: size),
      memblock.isReserved(base: base, size: size)
    {
      return false
    }
    memblock.setNoMap(true, base: base, size: size)
    return true
  }

  /// `__reserved_mem_alloc_size`: places a dynamic region and saves it.
  private mutating func allocateDynamic(_ index: Int) -> Bool {
    let node = nodes[index]
    guard let sizeCells = node.size else { return false }
    guard sizeCells.byteCount == self.sizeCells * 4 else {
      error(Self.prefix + "invalid size property in '\(node.name)' node.")
      return false
    }
    let size = sizeCells.number(at: 0, count: self.sizeCells)
    var align: UInt64 = 0
    if let alignment = node.alignment {
      guard alignment.byteCount == addressCells * 4 else {
        error(Self.prefix + "invalid alignment property in '\(node.name)' node.")
        return false
      }
      align = alignment.number(at: 0, count: addressCells)
    }
    if node.isCompatible(with: "shared-dma-pool"), node.reusable, !node.noMap {
      align = max(align, profile.cmaMinimumAlignment)
    }
    var base: UInt64 = 0
    if let ranges = node.allocRanges {
      guard ranges.byteCount % entryBytes == 0 else {
        error(
          Self.prefix + "invalid alloc-ranges property in '\(node.name)', skipping node.")
        return false
      }
      var cell = 0
      while cell + addressCells + self.sizeCells <= ranges.cells.count {
        let start = ranges.number(at: cell, count: addressCells)
        let end = start &+ ranges.number(at: cell + addressCells, count: self.sizeCells)
        cell += addressCells + self.sizeCells
        base = allocateInRange(size: size, align: align, start: start, end: end, node.noMap)
        if base != 0 { break }
      }
    } else {
      base = allocateReserved(size: size, align: align, start: 0, end: 0, node.noMap)
    }
    if base != 0 {
      log.append(
        KernelLogLine(
          .debug,
          Self.prefix + "allocated memory for '\(node.name)' node: base \(pa(base)), size "
            + "\(size >> 20) MiB"))
    }
    guard base != 0 else {
      error(
        Self.prefix + "failed to allocate memory for node '\(node.name)': size \(size >> 20) MiB")
      dynamicBases[index] = nil
      outcomes[index] = .rejected
      return false
    }
    dynamicBases[index] = base
    save(index, base: base, size: size)
    return true
  }

  /// `__reserved_mem_alloc_in_range`: bottom-up when the range starts inside or right after
  /// a saved region, top-down when it ends inside or right before one (neither or both:
  /// unchanged).
  private mutating func allocateInRange(
    size: UInt64, align: UInt64, start: UInt64, end: UInt64, _ noMap: Bool
  ) -> UInt64 {
    var bottomUp = false
    var topDown = false
    for region in saved where region.size != 0 {
      if start >= region.base, start <= region.base &+ region.size { bottomUp = true }
      if end >= region.base, end <= region.base &+ region.size { topDown = true }
    }
    let previous = memblock.bottomUp
    if bottomUp != topDown { memblock.bottomUp = bottomUp }
    let base = allocateReserved(size: size, align: align, start: start, end: end, noMap)
    memblock.bottomUp = previous
    return base
  }

  /// `early_init_dt_alloc_reserved_memory_arch`.
  private mutating func allocateReserved(
    size: UInt64, align: UInt64, start: UInt64, end: UInt64, _ noMap: Bool
  ) -> UInt64 {
    let base = memblock.allocate(
      size: size, align: align == 0 ? profile.smpCacheBytes : align, start: start,
      end: end == 0 ? Memblock.anywhere : end)
    if base != 0, noMap { memblock.setNoMap(true, base: base, size: size) }
    return base
  }

  /// `fdt_reserved_mem_save_node`: records the region and runs its handler.
  mutating func save(_ index: Int, base: UInt64, size: UInt64) {
    guard saved.count < capacity else {
      error(Self.prefix + "not enough space for all defined regions.")
      return
    }
    saved.append(SavedRegion(nodeIndex: index, base: base, size: size))
    outcomes[index] = initialiseNode(index, base: base, size: size)
  }

  /// `fdt_scan_reserved_mem_reg_nodes` (from `unflatten_device_tree`): saves the first
  /// region of each static node, then checks for overlaps.
  mutating func scanStaticRegions() {
    guard let reservedMemory = description.reservedMemory else {
      if profile.kernel.logsReservedRegions {
        info(Self.prefix + "Reserved memory: No reserved-memory node in the DT")
      }
      return
    }
    guard reservedMemory.formatSupported else {
      error(Self.prefix + "Reserved memory: unsupported node format, ignoring")
      return
    }
    for (index, node) in nodes.enumerated() {
      guard let reg = node.reg, node.available else { continue }
      if reg.byteCount != 0, reg.byteCount % entryBytes != 0 {
        error(
          Self.prefix + "Reserved memory: invalid reg property in '\(node.name)', skipping node.")
        continue
      }
      if reg.byteCount > entryBytes {
        log.append(
          KernelLogLine(
            .warning,
            Self.prefix + "fdt_scan_reserved_mem_reg_nodes() ignores "
              + "\(reg.byteCount / entryBytes - 1) regions in node '\(node.name)'"))
      }
      let base = reg.number(at: 0, count: addressCells)
      let size = reg.byteCount >= entryBytes ? reg.number(at: addressCells, count: sizeCells) : 0
      if size != 0 { save(index, base: base, size: size) }
    }
    checkOverlaps()
  }

  /// `__rmem_check_for_overlap`: sorts by base, then size, then tree order.
  mutating func checkOverlaps() {
    guard saved.count >= 2 else { return }
    let sorted = saved.sorted {
      ($0.base, $0.size, $0.nodeIndex) < ($1.base, $1.size, $1.nodeIndex)
    }
    for (this, next) in zip(sorted, sorted.dropFirst()) where this.base &+ this.size > next.base {
      error(Self.prefix + "OVERLAP DETECTED!")
      error(
        "\(nodes[this.nodeIndex].name) (\(pa(this.base))--\(pa(this.base &+ this.size))) "
          + "overlaps with \(nodes[next.nodeIndex].name) (\(pa(next.base))--"
          + "\(pa(next.base &+ next.size)))")
    }
  }
}
