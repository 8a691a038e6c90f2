extension Machine {
  /// `kmalloc`: an object from the matching `kmalloc-N` slab cache, in the linear map.
  mutating func kmalloc(size: UInt64, flags: GFPFlags, result: String?) {
    var pageAllocator = allocators.pages
    var taken = allocators.slab.allocate(size: size) { pageAllocator.allocatePage() }
    if taken == nil, size > PhysicalMemory.pageSize, size <= 4 << 20 {
      // kmalloc_large: above the biggest slab cache, whole pages from the page allocator.
      let count = Int((size + PhysicalMemory.pageSize - 1) / PhysicalMemory.pageSize)
      if let base = pageAllocator.allocateContiguous(pages: count) {
        let order = UInt64(count).nextPowerOfTwo
        taken = (
          base, "kmalloc_large order-\(order.trailingZeroBitCount)",
          UInt64(count) * PhysicalMemory.pageSize
        )
      }
    }
    allocators.pages = pageAllocator
    guard let (physical, cacheName, objectSize) = taken,
      let virtual = memory.pageTable.linearAddress(of: physical)
    else {
      log(
        .kernel, "kmalloc",
        "kmalloc(\(size), \(flags.kernelText)) = NULL (no memory, or above 4 MiB)")
      assign(.error(.null), to: result)
      return
    }
    let allocation = Allocation(
      id: run.nextID, name: result ?? "obj\(run.nextID)", allocator: cacheName,
      virtualAddress: virtual,
      physical: physical, size: size, reservedSize: objectSize, allocatedAtStep: stepCount)
    run.nextID += 1
    allocators.allocations.append(allocation)
    assign(.pointer(virtual), to: result)
    log(
      .kernel, "kmalloc",
      "kmalloc(\(size), \(flags.kernelText)) = \(virtual.hex) [\(cacheName), phys \(physical.hex)]",
      addresses: [LogAddress(.virt, virtual.rawValue), LogAddress(.phys, physical.rawValue)])
    if flags.contains(.zero), size > 0 {
      // The object is physically contiguous in the linear map (a slab object, or
      // kmalloc_large's contiguous pages): memset one line per step.
      cpu.pending.append(.zeroRun(virtual, physical, count: size, .normalWriteBack))
    }
  }

  /// `kfree`: returns the object to its slab cache.
  mutating func kfree(_ pointer: Operand) {
    guard let value = resolve(pointer, for: "kfree") else { return }
    guard case .pointer(let virtual) = value,
      let index = allocators.allocations.firstIndex(where: { $0.virtualAddress == virtual })
    else {
      log(
        .debug, "kfree", "kfree(\(value.text)): not a live kmalloc object",
        detail: "Freeing a pointer kmalloc did not return (or freeing twice) corrupts the slab.")
      return
    }
    let allocation = allocators.allocations.remove(at: index)
    if allocation.allocator.hasPrefix("kmalloc_large") {
      for page in stride(from: 0, to: allocation.reservedSize, by: Int(PhysicalMemory.pageSize)) {
        allocators.pages.free(allocation.physical.advanced(by: UInt64(page)))
      }
    } else {
      allocators.slab.free(allocation.physical, objectSize: allocation.reservedSize)
    }
    log(.kernel, "kfree", "kfree(\(virtual.hex)) → back to \(allocation.allocator)")
    if let mapping = dma.mappings.first(where: {
      $0.overlaps(allocation.physical, count: allocation.size)
    }) {
      log(
        .debug, "kfree",
        "freed memory is still DMA-mapped for \(deviceName(mapping.device)) at "
          + "\(Hex.prefixed(mapping.handle.rawValue))",
        detail: "The device may still read or write it after the slab reuses it.")
    }
  }
}
