extension Machine {
  /// Dispatches the `struct page` calls, `dma_map_page`/`dma_unmap_page` and driver unbinding.
  mutating func executePageCall(_ action: Action) {
    switch action.operation {
    case .allocPages(let order, let flags):
      allocPages(order: order, flags: flags, result: action.result)
    case .virtToPage(let pointer, let vmalloc):
      virtToPage(pointer, vmalloc: vmalloc, result: action.result)
    case .pageAddress(let page): pageAddress(page, result: action.result)
    case .dmaMapPage(let device, let page, let offset, let size, let direction):
      dmaMapPage(
        device, page, offset: offset, size: size, direction: direction, result: action.result)
    case .dmaUnmapPage(let device, let handle, let size, let direction):
      dmaUnmapSingle(device, handle, size: size, direction: direction, function: "dma_unmap_page")
    case .deviceReleaseDriver(let device): deviceReleaseDriver(device)
    case .freePages(let page, let order): freePages(page, order: order)
    default: break
    }
  }

  /// `alloc_pages(gfp, order)`: 2^order physically contiguous pages from the page allocator,
  /// returned as the first `struct page *` (no address yet: `page_address` gives it).
  mutating func allocPages(order: Int, flags: GFPFlags, result: String?) {
    let count = 1 << order
    // GFP_DMA: the zonelist starts at ZONE_DMA (mm/page_alloc.c gfp_zone), which is
    // dmaZoneRange when the page allocator's range lies above it.
    let fromDMAZone = flags.contains(.dma) && allocators.dmaZonePages != nil
    var allocator = (fromDMAZone ? allocators.dmaZonePages : nil) ?? allocators.pages
    guard let physical = allocator.allocateContiguous(pages: count),
      let virtual = memory.pageTable.linearAddress(of: physical)
    else {
      log(.kernel, "alloc_pages", "alloc_pages(\(flags.kernelText), \(order)) = NULL: no memory")
      assign(.error(.null), to: result)
      return
    }
    if fromDMAZone { allocators.dmaZonePages = allocator } else { allocators.pages = allocator }
    let size = UInt64(count) * PhysicalMemory.pageSize
    record(
      name: result, allocator: "alloc_pages order-\(order)", virtual: virtual, physical: physical,
      size: size, reserved: size)
    assign(.page(physical), to: result)
    log(
      .kernel, "alloc_pages",
      "alloc_pages(\(flags.kernelText), \(order)) = \(Value.page(physical).text): \(count) "
        + "contiguous page(s) at \(physical.hex); page_address() = \(virtual.hex) in the linear map"
    )
  }

  /// `__free_pages(page, order)`: the pages of an `alloc_pages` block go back to the page
  /// allocator, which hands freed pages out first.
  mutating func freePages(_ operand: Operand, order: Int) {
    guard let value = resolve(operand, for: "__free_pages") else { return }
    let count = UInt64(1) << UInt64(order)
    guard case .page(let physical) = value,
      let index = allocators.allocations.firstIndex(where: {
        $0.physical == physical && $0.allocator == "alloc_pages order-\(order)"
      })
    else {
      log(
        .debug, "__free_pages",
        "__free_pages(\(value.text), \(order)): not an order-\(order) block from alloc_pages",
        detail: "Free pages with the order they were allocated with, once.")
      return
    }
    allocators.allocations.remove(at: index)
    freePages(physical, count: count)
    log(
      .kernel, "__free_pages",
      "__free_pages(\(value.text), \(order)): \(count) page(s) at \(physical.hex) back to the page "
        + "allocator")
  }

  /// `virt_to_page(ptr)` for a linear-map address, `vmalloc_to_page(ptr)` for a vmalloc one.
  /// The wrong one for the address is refused with the reason (the kernel would return a
  /// bogus page, or warn with `CONFIG_DEBUG_VIRTUAL`).
  mutating func virtToPage(_ pointer: Operand, vmalloc: Bool, result: String?) {
    let function = vmalloc ? "vmalloc_to_page" : "virt_to_page"
    guard let value = resolve(pointer, for: function) else { return }
    guard case .pointer(let virtual) = value, let translation = memory.pageTable.translate(virtual)
    else {
      log(.debug, function, "\(function)(\(value.text)): not a mapped CPU address")
      assign(.error(.null), to: result)
      return
    }
    let linear = translation.mapping.name == KernelMapping.linearMapName
    guard linear != vmalloc else {
      log(
        .debug, function,
        "\(function)(\(virtual.hex)): \(linear ? "a linear-map" : "not a linear-map") address",
        detail: linear
          ? "vmalloc_to_page walks the vmalloc page tables; a linear-map address needs "
            + "virt_to_page."
          : "virt_to_page is arithmetic on the linear map only; for vmalloc or vmapped-stack "
            + "memory use vmalloc_to_page, one page at a time.")
      assign(.error(.null), to: result)
      return
    }
    let page = PhysAddr(translation.physical.rawValue & ~(PhysicalMemory.pageSize - 1))
    assign(.page(page), to: result)
    log(
      .kernel, function,
      "\(function)(\(virtual.hex)) = \(Value.page(page).text) (phys \(page.hex)); the offset in "
        + "the page is \(Hex.prefixed(virtual.rawValue & (PhysicalMemory.pageSize - 1)))")
  }

  /// `page_address(page)`: the page's linear-map address (arm64 has no highmem).
  mutating func pageAddress(_ operand: Operand, result: String?) {
    guard let value = resolve(operand, for: "page_address") else { return }
    guard case .page(let physical) = value,
      let virtual = memory.pageTable.linearAddress(of: physical)
    else {
      log(.debug, "page_address", "\(operand.text) is \(value.text), not a struct page *")
      assign(.error(.null), to: result)
      return
    }
    assign(.pointer(virtual), to: result)
    log(.kernel, "page_address", "page_address(\(value.text)) = \(virtual.hex)")
  }

  /// `dma_map_page(dev, page, offset, size, dir)` → `dma_map_page_attrs`: no
  /// `debug_dma_map_single` area check (a page has no CPU address to check), then the same
  /// paths as `dma_map_single`. dma-debug records the entry as "single" too.
  mutating func dmaMapPage(
    _ device: String, _ operand: Operand, offset: UInt64, size: UInt64,
    direction: DMADataDirection, result: String?
  ) {
    guard let spec = board.device(named: device), let value = resolve(operand, for: "dma_map_page")
    else { return }
    guard case .page(let page) = value else {
      log(.debug, "dma_map_page", "\(operand.text) is \(value.text), not a struct page *")
      assign(.dmaAddress(.mappingError), to: result)
      return
    }
    let physical = page.advanced(by: offset)
    guard let virtual = memory.pageTable.linearAddress(of: physical) else {
      log(.debug, "dma_map_page", "\(value.text) + \(offset) is not RAM the kernel maps")
      assign(.dmaAddress(.mappingError), to: result)
      return
    }
    mapPageAttrs(
      spec, virtual: virtual, physical: physical, size: size, direction: direction,
      call: "dma_map_page(\(spec.kernelName), \(value.text), \(offset), \(size), "
        + "\(direction.kernelName))", result: result)
  }

  /// `device_release_driver(dev)`: the driver is unbound; the bus notifier
  /// (`BUS_NOTIFY_UNBOUND_DRIVER`) lets dma-debug count the device's live entries. Leaked
  /// mappings stay where they are, as in the kernel.
  mutating func deviceReleaseDriver(_ device: String) {
    guard let spec = board.device(named: device) else { return }
    let live = dma.mappings.filter { $0.device == device }.count
    log(
      .kernel, "device_release_driver",
      "\(spec.driverName) \(spec.kernelName): driver unbound (\(live) streaming or coherent "
        + "mapping\(live == 1 ? "" : "s") still live)")
    logDebug(dma.dmaDebug.driverUnbound(device: debugDevice(device)))
  }

  /// What dma-debug's `check_for_stack` sees for a mapping: a linear-map stack buffer
  /// (`object_is_on_stack`), a page of the vmapped stack (reported at the "probable" address
  /// `current->stack + i * PAGE_SIZE + offset`), or ordinary memory.
  func stackCheck(_ mapping: StreamingMapping) -> (DMADebugMemory, VirtAddr) {
    if isStackBuffer(mapping.physical) { return (.stack, mapping.virtualAddress) }
    let stackSize = 4 * PhysicalMemory.pageSize
    for allocation in allocators.allocations where allocation.allocator == "stack (vmapped)" {
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
