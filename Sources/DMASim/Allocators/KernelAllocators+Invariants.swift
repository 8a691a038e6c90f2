extension KernelAllocators {
  /// The allocators' broken rules, with the kernel page table for remapped buffers: no two
  /// live allocations overlap, no page is both a slab page and free, a `kmalloc_large`
  /// allocation's pages have no second owner, each CMA bitmap counts what its owners hold.
  func invariantViolations(pageTable: KernelPageTable) -> [String] {
    var problems: [String] = []
    for area in cmaAreas {
      let owners = allocations.filter { $0.cmaArea == area.name }
      let owned = owners.reduce(UInt64(0)) { $0 + $1.reservedSize / PhysicalMemory.pageSize }
      if UInt64(area.bitmap.population) << UInt64(area.orderPerBit) != owned {
        problems.append(
          "CMA \(area.name): bitmap has \(area.bitmap.population) bits, owners hold \(owned) pages")
      }
    }
    // An iommu_dma_alloc_remap buffer's pages need not be contiguous: its extents are the
    // runs its remap maps, not `physical` + `reservedSize`.
    var remapRuns: [String: [(UInt64, UInt64)]] = [:]
    for mapping in pageTable.mappings where mapping.name.hasPrefix(Machine.remapNamePrefix) {
      remapRuns[mapping.name, default: []].append(
        (mapping.physicalBase.rawValue, mapping.size))
    }
    var extents: [(start: UInt64, size: UInt64, name: String)] = []
    for allocation in allocations {
      if let runs = remapRuns[Machine.remapName(allocation.virtualAddress)] {
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
    let slabPages = Set(slab.caches.flatMap { $0.slabs.map(\.rawValue) })
    let freedPages = Set(pages.freed)
    for page in slabPages.intersection(freedPages).sorted() {
      problems.append("page \(PhysAddr(page).hex) is a slab page and free")
    }
    for allocation in allocations where allocation.allocator.hasPrefix("kmalloc_large") {
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
