extension KernelAllocators {
  /// `vmalloc(size)`: pages taken one at a time from the page allocator (so not necessarily
  /// contiguous) and mapped with 4 KiB entries in the vmalloc area, cacheable. Such memory is
  /// not DMA-able with `dma_map_single`: it has no linear-map address.
  mutating func vmalloc(size: UInt64, result: String?, bus: inout some AllocatorBus) {
    let count = max(1, (size + PhysicalMemory.pageSize - 1) / PhysicalMemory.pageSize)
    var physical: [PhysAddr] = []
    var allocator = pages
    for _ in 0..<count {
      guard let page = allocator.allocatePage() else { break }
      physical.append(page)
      // Take a page between each so consecutive virtual pages are not physically contiguous.
      if physical.count < count { _ = allocator.allocatePage() }
    }
    guard physical.count == Int(count) else {
      bus.log(.kernel, "vmalloc", "vmalloc(\(size)) = NULL: out of pages")
      bus.assign(.error(.null), to: result)
      return
    }
    pages = allocator
    let virtual = VirtAddr(nextVmalloc)
    nextVmalloc += (count + 1) * PhysicalMemory.pageSize
    for (index, page) in physical.enumerated() {
      bus.addKernelMapping(
        KernelMapping(
          name: "vmalloc \(virtual.hex)",
          virtualBase: virtual.advanced(by: UInt64(index) * PhysicalMemory.pageSize),
          physicalBase: page, size: PhysicalMemory.pageSize, memoryType: .normalWriteBack,
          granule: PhysicalMemory.pageSize))
    }
    record(
      name: result, allocator: "vmalloc", virtual: virtual, physical: physical[0], size: size,
      reserved: count * PhysicalMemory.pageSize, bus: &bus)
    bus.assign(.pointer(virtual), to: result)
    bus.log(
      .kernel, "vmalloc",
      "vmalloc(\(size)) = \(virtual.hex): \(count) page(s) at "
        + physical.map(\.hex).joined(separator: ", ")
        + " mapped one by one in the vmalloc area (is_vmalloc_addr, no linear-map address)")
  }

  /// `__get_free_pages(gfp, order)`: 2^order physically contiguous pages, returned as their
  /// linear-map address (DMA-able with `dma_map_single`).
  mutating func getFreePages(
    order: Int, flags: GFPFlags, result: String?, bus: inout some AllocatorBus
  ) {
    let count = 1 << order
    var allocator = pages
    guard let physical = allocator.allocateContiguous(pages: count),
      let virtual = bus.linearAddress(of: physical)
    else {
      bus.log(
        .kernel, "__get_free_pages",
        "__get_free_pages(\(flags.kernelText), \(order)) = 0: no memory")
      bus.assign(.error(.null), to: result)
      return
    }
    pages = allocator
    let size = UInt64(count) * PhysicalMemory.pageSize
    record(
      name: result, allocator: "__get_free_pages order-\(order)", virtual: virtual,
      physical: physical, size: size, reserved: size, bus: &bus)
    bus.assign(.pointer(virtual), to: result)
    bus.log(
      .kernel, "__get_free_pages",
      "__get_free_pages(\(flags.kernelText), \(order)) = \(virtual.hex): \(count) contiguous "
        + "page(s) at \(physical.hex), linear map")
  }

  /// A buffer on the current task's kernel stack. With `CONFIG_VMAP_STACK` (arm64's default)
  /// the stack lives in the vmalloc area; without it, in the linear map, where
  /// `dma_map_single` goes through and dma-debug's `check_for_stack` reports it.
  mutating func stackBuffer(
    size: UInt64, vmapped: Bool, result: String?, bus: inout some AllocatorBus
  ) {
    var allocator = pages
    // THREAD_SIZE is 16 KiB on arm64; the buffer sits near the top of the stack.
    guard let stack = allocator.allocateContiguous(pages: 4) else {
      bus.log(.kernel, "stack_buffer", "no pages for a kernel stack")
      bus.assign(.error(.null), to: result)
      return
    }
    pages = allocator
    let offset = 4 * PhysicalMemory.pageSize - 256 - ((size + 63) / 64) * 64
    let physical = stack.advanced(by: offset)
    let virtual: VirtAddr
    if vmapped {
      let base = VirtAddr(nextVmalloc)
      nextVmalloc += 5 * PhysicalMemory.pageSize
      bus.addKernelMapping(
        KernelMapping(
          name: "vmap stack \(base.hex)", virtualBase: base, physicalBase: stack,
          size: 4 * PhysicalMemory.pageSize, memoryType: .normalWriteBack,
          granule: PhysicalMemory.pageSize))
      virtual = base.advanced(by: offset)
    } else {
      guard let linear = bus.linearAddress(of: physical) else { return }
      virtual = linear
    }
    record(
      name: result, allocator: vmapped ? "stack (vmapped)" : "stack", virtual: virtual,
      physical: physical, size: size, reserved: size, bus: &bus)
    bus.assign(.pointer(virtual), to: result)
    bus.log(
      .kernel, "stack_buffer",
      "char buf[\(size)] on the kernel stack at \(virtual.hex) (phys \(physical.hex)): "
        + (vmapped
          ? "CONFIG_VMAP_STACK, so in the vmalloc area" : "no CONFIG_VMAP_STACK: linear map"))
  }

  /// Whether a physical address lies in a stack buffer (for dma-debug's `check_for_stack`).
  func isStackBuffer(_ physical: PhysAddr) -> Bool {
    allocations.contains {
      $0.allocator == "stack" && physical >= $0.physical
        && physical.rawValue - $0.physical.rawValue < max($0.size, 1)
    }
  }

  /// Records a live allocation under the next id.
  mutating func record(
    name: String?, allocator: String, virtual: VirtAddr, physical: PhysAddr, size: UInt64,
    reserved: UInt64, bus: inout some AllocatorBus
  ) {
    let id = bus.takeID()
    allocations.append(
      Allocation(
        id: id, name: name ?? "obj\(id)", allocator: allocator, virtualAddress: virtual,
        physical: physical, size: size, reservedSize: reserved, allocatedAtStep: bus.stepCount))
  }
}
