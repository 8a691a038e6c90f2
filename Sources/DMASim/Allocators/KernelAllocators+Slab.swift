extension KernelAllocators {
  /// `kmalloc`: an object from the matching `kmalloc-N` slab cache, in the linear map.
  mutating func kmalloc(
    size: UInt64, flags: GFPFlags, result: String?, bus: inout some AllocatorBus
  ) {
    var pageAllocator = pages
    var taken = slab.allocate(size: size) { pageAllocator.allocatePage() }
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
    pages = pageAllocator
    guard let (physical, cacheName, objectSize) = taken,
      let virtual = bus.linearAddress(of: physical)
    else {
      bus.log(
        .kernel, "kmalloc",
        "kmalloc(\(size), \(flags.kernelText)) = NULL (no memory, or above 4 MiB)")
      bus.assign(.error(.null), to: result)
      return
    }
    let id = bus.takeID()
    let allocation = Allocation(
      id: id, name: result ?? "obj\(id)", allocator: cacheName, virtualAddress: virtual,
      physical: physical, size: size, reservedSize: objectSize, allocatedAtStep: bus.stepCount)
    allocations.append(allocation)
    bus.assign(.pointer(virtual), to: result)
    bus.log(
      .kernel, "kmalloc",
      "kmalloc(\(size), \(flags.kernelText)) = \(virtual.hex) [\(cacheName), phys \(physical.hex)]",
      addresses: [LogAddress(.virt, virtual.rawValue), LogAddress(.phys, physical.rawValue)])
    if flags.contains(.zero), size > 0 {
      // The object is physically contiguous in the linear map (a slab object, or
      // kmalloc_large's contiguous pages): memset one line per step.
      bus.queueZero(virtual, physical, count: size)
    }
  }

  /// `kfree`: returns the object to its slab cache.
  mutating func kfree(_ pointer: Operand, bus: inout some AllocatorBus) {
    guard let value = bus.resolve(pointer, for: "kfree") else { return }
    guard case .pointer(let virtual) = value,
      let index = allocations.firstIndex(where: { $0.virtualAddress == virtual })
    else {
      bus.log(
        .debug, "kfree", "kfree(\(value.text)): not a live kmalloc object",
        detail: "Freeing a pointer kmalloc did not return (or freeing twice) corrupts the slab.")
      return
    }
    let allocation = allocations.remove(at: index)
    if allocation.allocator.hasPrefix("kmalloc_large") {
      for page in stride(from: 0, to: allocation.reservedSize, by: Int(PhysicalMemory.pageSize)) {
        pages.free(allocation.physical.advanced(by: UInt64(page)))
      }
    } else {
      slab.free(allocation.physical, objectSize: allocation.reservedSize)
    }
    bus.log(.kernel, "kfree", "kfree(\(virtual.hex)) → back to \(allocation.allocator)")
    if let mapping = bus.liveMapping(overlapping: allocation.physical, count: allocation.size) {
      bus.log(
        .debug, "kfree",
        "freed memory is still DMA-mapped for \(bus.deviceName(mapping.device)) at "
          + "\(Hex.prefixed(mapping.handle.rawValue))",
        detail: "The device may still read or write it after the slab reuses it.")
    }
  }
}
