extension KernelAllocators {
  /// `MAX_PAGE_ORDER` (10): the buddy allocator's largest block, 4 MiB of 4 KiB pages.
  static let maxPageOrderPages: UInt64 = 1 << 10

  /// Free pages the zone counts (`NR_FREE_PAGES`): the page allocator's free pages plus every
  /// CMA page that is neither claimed by `cma_alloc` nor lent out.
  var zoneFreePages: UInt64 {
    let regular = pages.range.size / PhysicalMemory.pageSize - UInt64(pages.allocatedCount)
    return regular + cmaFreePages
  }

  /// `NR_FREE_CMA_PAGES`: CMA pages free in the buddy allocator.
  var cmaFreePages: UInt64 {
    cmaAreas.reduce(0) { $0 + $1.availableCount - UInt64($1.borrowed.count) }
  }

  /// `alloc_pages(GFP_HIGHUSER_MOVABLE, order)`, as `__rmqueue` places a movable block: when
  /// more than half of the zone's free memory is CMA (`NR_FREE_CMA_PAGES > NR_FREE_PAGES / 2`)
  /// it comes from `MIGRATE_CMA` free lists (`__rmqueue_cma_fallback`), else from the movable
  /// lists (here the page allocator). CMA pageblocks were freed into the buddy lists in
  /// address order, each merged 4 MiB block going to the head, so the highest free block is
  /// split first and its lowest pages come out first.
  mutating func allocMovablePages(order: Int, result: String?, bus: inout some AllocatorBus) {
    let count = UInt64(1) << UInt64(order)
    let freeCMA = cmaFreePages
    let free = zoneFreePages
    let why =
      "NR_FREE_CMA_PAGES \(freeCMA) " + (freeCMA > free / 2 ? ">" : "<=")
      + " NR_FREE_PAGES \(free) / 2"
    var physical: PhysAddr?
    var area: String?
    if freeCMA > free / 2, let (index, pfn) = movableCMABlock(pages: count) {
      for page in pfn..<pfn + count { cmaAreas[index].lend(pfn: page) }
      physical = PhysAddr(pfn << 12)
      area = cmaAreas[index].name
    } else {
      var allocator = pages
      physical =
        order == 0 ? allocator.allocatePage() : allocator.allocateContiguous(pages: Int(count))
      if physical != nil { pages = allocator }
    }
    guard let physical, let virtual = bus.linearAddress(of: physical) else {
      bus.log(
        .kernel, "alloc_pages", "alloc_pages(GFP_HIGHUSER_MOVABLE, \(order)) = NULL: no memory")
      bus.assign(.error(.null), to: result)
      return
    }
    record(
      name: result ?? "page\(bus.nextID)", allocator: "alloc_pages movable", virtual: virtual,
      physical: physical, size: count << 12, reserved: count << 12, bus: &bus)
    bus.assign(.page(physical), to: result)
    bus.log(
      .kernel, "alloc_pages",
      "alloc_pages(GFP_HIGHUSER_MOVABLE, \(order)) = \(Value.page(physical).text) at "
        + "\(physical.hex), page_address() = \(virtual.hex) "
        + (area.map { "(MIGRATE_CMA, lent by CMA area \($0))" } ?? "(MIGRATE_MOVABLE)"),
      detail: "__rmqueue with ALLOC_CMA: \(why), so the page comes from "
        + (area == nil
          ? "the ordinary movable free lists."
          : "the CMA free lists. It stays there until cma_alloc claims the range and migrates it."),
      addresses: [LogAddress(.phys, physical.rawValue)])
  }

  /// The lowest free run of `count` pages (aligned to `count`) in the highest 4 MiB block of
  /// a CMA area that has one; pages claimed by `cma_alloc` or already lent are not free.
  func movableCMABlock(pages count: UInt64) -> (Int, UInt64)? {
    for (index, area) in cmaAreas.enumerated() {
      let block = Self.maxPageOrderPages
      let end = area.basePFN + area.count
      var blockStart = (end - 1) / block * block
      while blockStart + block > area.basePFN {
        var pfn = max(blockStart, area.basePFN)
        pfn = (pfn + count - 1) / count * count
        while pfn + count <= min(blockStart + block, end) {
          if (pfn..<pfn + count).allSatisfy({ area.isFreeForMovable($0) }) {
            return (index, pfn)
          }
          pfn += count
        }
        guard blockStart >= block else { break }
        blockStart -= block
      }
    }
    return nil
  }

  /// `pin_user_pages` (FOLL_PIN) or `unpin_user_page` on a `struct page *`. A
  /// short-term pin (O_DIRECT, no `FOLL_LONGTERM`) leaves the page where it is; in CMA it
  /// makes `alloc_contig_range` fail with -EBUSY until it is dropped.
  mutating func pinUserPage(_ page: Operand, pin: Bool, bus: inout some AllocatorBus) {
    let function = pin ? "pin_user_pages" : "unpin_user_page"
    guard let value = bus.resolve(page, for: function) else { return }
    guard case .page(let physical) = value else {
      bus.log(.debug, function, "\(function)(\(value.text)): not a struct page *")
      return
    }
    let pfn = physical.pfn
    guard let index = cmaAreas.firstIndex(where: { $0.borrowed.contains(pfn) }) else {
      bus.log(
        .kernel, function,
        "\(function): pfn \(Hex.prefixed(pfn)) \(pin ? "pinned" : "unpinned") (not in a CMA area)")
      return
    }
    if pin {
      cmaAreas[index].lend(pfn: pfn, pinned: true)
    } else {
      cmaAreas[index].unpin(pfn: pfn)
    }
    bus.log(
      .kernel, function,
      pin
        ? "pin_user_pages(FOLL_WRITE): pfn \(Hex.prefixed(pfn)) in CMA area "
          + "\(cmaAreas[index].name) is pinned: migration must wait until it is unpinned"
        : "unpin_user_page: pfn \(Hex.prefixed(pfn)) can migrate again",
      detail: pin
        ? "A short-term pin, as O_DIRECT takes for the I/O. pin_user_pages(FOLL_LONGTERM) would "
          + "first have migrated the page out of CMA (check_and_migrate_movable_pages)."
        : nil)
  }

  /// After `alloc_contig_range` took borrowed pages out of a claimed range: each moves to a
  /// new movable page (placed by the same rule, outside the claimed range), its contents
  /// copied by the CPU (`migrate_pages` → `folio_copy`), and every mapping of it follows.
  mutating func migrateMovablePages(area index: Int, since first: Int, bus: inout some AllocatorBus)
  {
    let migrations = cmaAreas[index].migrations
    guard first < migrations.count else { return }
    for number in first..<migrations.count {
      let source = migrations[number].from
      var target: UInt64?
      if cmaFreePages > zoneFreePages / 2, let (targetArea, pfn) = movableCMABlock(pages: 1) {
        cmaAreas[targetArea].lend(pfn: pfn)
        target = pfn
      } else {
        var allocator = pages
        target = allocator.allocatePage()?.pfn
        if target != nil { pages = allocator }
      }
      guard let target else {
        bus.log(.kernel, "migrate_pages", "no page to migrate pfn \(Hex.prefixed(source)) to")
        continue
      }
      cmaAreas[index].migrations[number].to = target
      bus.queueBounceCopy(from: PhysAddr(source << 12), to: PhysAddr(target << 12), size: 4096)
      if let slot = allocations.firstIndex(where: { $0.physical.pfn == source }),
        let newVirtual = bus.linearAddress(of: PhysAddr(target << 12))
      {
        allocations[slot].physical = PhysAddr(target << 12)
        allocations[slot].virtualAddress = newVirtual
      }
      bus.remapUsers(from: PhysAddr(source << 12), to: PhysAddr(target << 12))
      bus.log(
        .kernel, "migrate_pages",
        "alloc_contig_range: migrate pfn \(Hex.prefixed(source)) → \(Hex.prefixed(target)) "
          + "(copy 4096 bytes, remap its users)",
        detail: "The page's owner keeps its data: the copy goes through the CPU, the page tables "
          + "that mapped the old page now map the new one, and the old page joins the claim.",
        addresses: [LogAddress(.from, source << 12), LogAddress(.to, target << 12)])
    }
  }
}
