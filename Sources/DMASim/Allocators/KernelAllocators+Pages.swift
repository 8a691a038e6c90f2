extension KernelAllocators {
  /// `alloc_pages(gfp, order)`: 2^order physically contiguous pages from the page allocator,
  /// returned as the first `struct page *` (no address yet: `page_address` gives it).
  mutating func allocPages(
    order: Int, flags: GFPFlags, result: String?, bus: inout some AllocatorBus
  ) {
    let count = 1 << order
    // GFP_DMA: the zonelist starts at ZONE_DMA (mm/page_alloc.c gfp_zone), which is
    // dmaZoneRange when the page allocator's range lies above it.
    let fromDMAZone = flags.contains(.dma) && dmaZonePages != nil
    var allocator = (fromDMAZone ? dmaZonePages : nil) ?? pages
    guard let physical = allocator.allocateContiguous(pages: count),
      let virtual = bus.linearAddress(of: physical)
    else {
      bus.log(
        .kernel, "alloc_pages", "alloc_pages(\(flags.kernelText), \(order)) = NULL: no memory")
      bus.assign(.error(.null), to: result)
      return
    }
    if fromDMAZone { dmaZonePages = allocator } else { pages = allocator }
    let size = UInt64(count) * PhysicalMemory.pageSize
    record(
      name: result, allocator: "alloc_pages order-\(order)", virtual: virtual, physical: physical,
      size: size, reserved: size, bus: &bus)
    bus.assign(.page(physical), to: result)
    bus.log(
      .kernel, "alloc_pages",
      "alloc_pages(\(flags.kernelText), \(order)) = \(Value.page(physical).text): \(count) "
        + "contiguous page(s) at \(physical.hex); page_address() = \(virtual.hex) in the linear map"
    )
  }

  /// `__free_pages(page, order)`: the pages of an `alloc_pages` block go back to the page
  /// allocator, which hands freed pages out first.
  mutating func freePages(_ operand: Operand, order: Int, bus: inout some AllocatorBus) {
    guard let value = bus.resolve(operand, for: "__free_pages") else { return }
    let count = UInt64(1) << UInt64(order)
    guard case .page(let physical) = value,
      let index = allocations.firstIndex(where: {
        $0.physical == physical && $0.allocator == "alloc_pages order-\(order)"
      })
    else {
      bus.log(
        .debug, "__free_pages",
        "__free_pages(\(value.text), \(order)): not an order-\(order) block from alloc_pages",
        detail: "Free pages with the order they were allocated with, once.")
      return
    }
    allocations.remove(at: index)
    freePages(physical, count: count)
    bus.log(
      .kernel, "__free_pages",
      "__free_pages(\(value.text), \(order)): \(count) page(s) at \(physical.hex) back to the page "
        + "allocator")
  }

  /// Pages back to the allocator whose range holds them.
  mutating func freePages(_ physical: PhysAddr, count: UInt64) {
    let inZone = dmaZonePages.map {
      physical.rawValue >= $0.range.base && physical.rawValue < $0.range.end
    }
    for page in 0..<count {
      let address = physical.advanced(by: page << 12)
      if inZone == true {
        dmaZonePages?.free(address)
      } else {
        pages.free(address)
      }
    }
  }

  /// `virt_to_page(ptr)` for a linear-map address, `vmalloc_to_page(ptr)` for a vmalloc one.
  /// The wrong one for the address is refused with the reason (the kernel would return a
  /// bogus page, or warn with `CONFIG_DEBUG_VIRTUAL`). Reads only the page tables.
  static func virtToPage(
    _ pointer: Operand, vmalloc: Bool, result: String?, bus: inout some AllocatorBus
  ) {
    let function = vmalloc ? "vmalloc_to_page" : "virt_to_page"
    guard let value = bus.resolve(pointer, for: function) else { return }
    guard case .pointer(let virtual) = value, let translation = bus.kernelTranslation(of: virtual)
    else {
      bus.log(.debug, function, "\(function)(\(value.text)): not a mapped CPU address")
      bus.assign(.error(.null), to: result)
      return
    }
    let linear = translation.mapping.name == KernelMapping.linearMapName
    guard linear != vmalloc else {
      bus.log(
        .debug, function,
        "\(function)(\(virtual.hex)): \(linear ? "a linear-map" : "not a linear-map") address",
        detail: linear
          ? "vmalloc_to_page walks the vmalloc page tables; a linear-map address needs "
            + "virt_to_page."
          : "virt_to_page is arithmetic on the linear map only; for vmalloc or vmapped-stack "
            + "memory use vmalloc_to_page, one page at a time.")
      bus.assign(.error(.null), to: result)
      return
    }
    let page = PhysAddr(translation.physical.rawValue & ~(PhysicalMemory.pageSize - 1))
    bus.assign(.page(page), to: result)
    bus.log(
      .kernel, function,
      "\(function)(\(virtual.hex)) = \(Value.page(page).text) (phys \(page.hex)); the offset in "
        + "the page is \(Hex.prefixed(virtual.rawValue & (PhysicalMemory.pageSize - 1)))")
  }

  /// `page_address(page)`: the page's linear-map address (arm64 has no highmem). Reads only
  /// the page tables.
  static func pageAddress(_ operand: Operand, result: String?, bus: inout some AllocatorBus) {
    guard let value = bus.resolve(operand, for: "page_address") else { return }
    guard case .page(let physical) = value, let virtual = bus.linearAddress(of: physical) else {
      bus.log(.debug, "page_address", "\(operand.text) is \(value.text), not a struct page *")
      bus.assign(.error(.null), to: result)
      return
    }
    bus.assign(.pointer(virtual), to: result)
    bus.log(.kernel, "page_address", "page_address(\(value.text)) = \(virtual.hex)")
  }

  /// What dma-debug's `check_for_stack` sees for a mapping: a linear-map stack buffer
  /// (`object_is_on_stack`), a page of the vmapped stack (reported at the "probable" address
  /// `current->stack + i * PAGE_SIZE + offset`), or ordinary memory.
  func stackCheck(_ mapping: StreamingMapping) -> (DMADebugMemory, VirtAddr) {
    if isStackBuffer(mapping.physical) { return (.stack, mapping.virtualAddress) }
    let stackSize = 4 * PhysicalMemory.pageSize
    for allocation in allocations where allocation.allocator == "stack (vmapped)" {
      // stackBuffer places the buffer stackSize - 256 - roundup(size, 64) into the stack.
      let offset = stackSize - 256 - ((allocation.size + 63) / 64) * 64
      guard allocation.physical.rawValue >= offset else { continue }
      let base = allocation.physical.rawValue - offset
      let page = mapping.physical.rawValue & ~(PhysicalMemory.pageSize - 1)
      guard page >= base, page < base + stackSize else { continue }
      let address =
        allocation.virtualAddress.rawValue - offset + (page - base)
        + (mapping.physical.rawValue & (PhysicalMemory.pageSize - 1))
      return (.vmappedStack, VirtAddr(address))
    }
    return (.ordinary, mapping.virtualAddress)
  }
}
