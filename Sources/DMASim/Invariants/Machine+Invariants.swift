extension Machine {
  /// Checks the machine's internal consistency and returns every broken rule (empty when
  /// sound). Tests and the soak run call it after every step; it costs nothing otherwise.
  ///
  /// Rules: each descriptor sits on exactly one virt-dma list (or is the active one); list
  /// entries name live descriptors; physical and virtual channel bindings agree; FIFOs stay
  /// within their depth; a cache set never holds one tag twice; no page belongs to two
  /// allocators and no two live allocations overlap; the IOVA rules of `IOMMU.iovaViolations`.
  public func invariantViolations() -> [String] {
    var problems: [String] = []
    for controller in engine.controllers {
      problems += channelViolations(controller)
    }
    for peripheral in peripherals {
      if let fifo = peripheral.spec.fifo, peripheral.fifo.count > fifo.depth {
        problems.append(
          "\(peripheral.name): TX FIFO holds \(peripheral.fifo.count) > \(fifo.depth)")
      }
      if let rx = peripheral.spec.rxFIFO, peripheral.rxFIFO.count > rx.depth {
        problems.append(
          "\(peripheral.name): RX FIFO holds \(peripheral.rxFIFO.count) > \(rx.depth)")
      }
    }
    for area in allocators.cmaAreas {
      let owners = allocators.allocations.filter { $0.cmaArea == area.name }
      let owned = owners.reduce(UInt64(0)) { $0 + $1.reservedSize / PhysicalMemory.pageSize }
      if UInt64(area.bitmap.population) << UInt64(area.orderPerBit) != owned {
        problems.append(
          "CMA \(area.name): bitmap has \(area.bitmap.population) bits, owners hold \(owned) pages")
      }
    }
    problems += cacheViolations()
    problems += memoryViolations()
    problems += iommus.flatMap { $0.iovaViolations() }
    return problems
  }

  private func channelViolations(_ controller: DMAController) -> [String] {
    var problems: [String] = []
    for (index, vchan) in controller.virtualChannels.enumerated() {
      var seen: [Int: Int] = [:]
      let places = [
        vchan.allocated, vchan.submitted, vchan.issued, vchan.completed, vchan.terminated,
      ]
      for id in places.joined() { seen[id, default: 0] += 1 }
      if let active = vchan.active { seen[active, default: 0] += 1 }
      for (id, count) in seen.sorted(by: { $0.key < $1.key }) {
        if count != 1 { problems.append("\(vchan.name): txd d\(id) is on \(count) lists") }
        if vchan.descriptors[id] == nil {
          problems.append("\(vchan.name): txd d\(id) listed but freed")
        }
      }
      for id in vchan.descriptors.keys.sorted() where seen[id] == nil {
        problems.append("\(vchan.name): txd d\(id) is on no list")
      }
      if let physical = vchan.physicalChannel,
        controller.physicalChannels.indices.contains(physical),
        controller.physicalChannels[physical].virtualChannel != index
      {
        problems.append("\(vchan.name): bound to ch\(physical), which does not point back")
      }
    }
    for pchan in controller.physicalChannels {
      if let channel = pchan.virtualChannel,
        controller.virtualChannels[channel].physicalChannel != pchan.index
      {
        problems.append("\(controller.name) ch\(pchan.index): bound to a channel that disagrees")
      }
    }
    return problems
  }

  private func cacheViolations() -> [String] {
    var problems: [String] = []
    let geometry = memory.cache.geometry
    for set in 0..<geometry.sets {
      var tags: [UInt64] = []
      for way in 0..<geometry.ways {
        let line = memory.cache.line(CacheSlot(set: set, way: way))
        guard line.isValid else { continue }
        if tags.contains(line.tag) { problems.append("cache set \(set): tag \(line.tag) twice") }
        tags.append(line.tag)
      }
    }
    return problems
  }

  private func memoryViolations() -> [String] {
    var problems: [String] = []
    // An iommu_dma_alloc_remap buffer's pages need not be contiguous: its extents are the
    // runs its remap maps, not `physical` + `reservedSize`.
    var remapRuns: [String: [(UInt64, UInt64)]] = [:]
    for mapping in memory.pageTable.mappings where mapping.name.hasPrefix(Self.remapNamePrefix) {
      remapRuns[mapping.name, default: []].append(
        (mapping.physicalBase.rawValue, mapping.size))
    }
    var extents: [(start: UInt64, size: UInt64, name: String)] = []
    for allocation in allocators.allocations {
      if let runs = remapRuns[Self.remapName(allocation.virtualAddress)] {
        extents += runs.map { ($0.0, $0.1, allocation.name) }
      } else {
        extents.append((allocation.physical.rawValue, allocation.reservedSize, allocation.name))
      }
    }
    let sorted = extents.sorted { ($0.start, $0.name) < ($1.start, $1.name) }
    for (first, second) in zip(sorted, sorted.dropFirst())
    where first.start + first.size > second.start {
      problems.append("allocations \(first.name) and \(second.name) overlap")
    }
    let slabPages = Set(allocators.slab.caches.flatMap { $0.slabs.map(\.rawValue) })
    let freedPages = Set(allocators.pages.freed)
    for page in slabPages.intersection(freedPages).sorted() {
      problems.append("page \(PhysAddr(page).hex) is a slab page and free")
    }
    for allocation in allocators.allocations where allocation.allocator.hasPrefix("kmalloc_large") {
      for offset in stride(from: 0, to: allocation.reservedSize, by: Int(PhysicalMemory.pageSize)) {
        let page = allocation.physical.rawValue + offset
        if slabPages.contains(page) || freedPages.contains(page) {
          problems.append("page \(PhysAddr(page).hex) of \(allocation.name) has a second owner")
        }
      }
    }
    return problems
  }
}
