extension Machine {
  /// `cpu_write`: checks the target and queues its stores, one cache line per step.
  mutating func cpuWrite(_ pointer: Operand, offset: UInt64, bytes: [UInt8]) {
    guard let (virtual, translation) = cpuTarget(pointer, offset: offset, "cpu_write") else {
      return
    }
    log(
      .kernel, "cpu_write",
      "store \(bytes.count) bytes at \(virtual.hex) (phys \(translation.physical.hex), "
        + "\(translation.mapping.memoryType.kernelName)): \(ByteText.quoted(bytes))")
    checkOwnership(translation.physical, count: UInt64(bytes.count), access: "writes")
    checkBounds(virtual, count: UInt64(bytes.count), access: "Write", function: "cpu_write")
    if !bytes.isEmpty {
      cpu.pending.append(
        .storeRun(virtual, translation.physical, bytes, offset: 0, translation.mapping.memoryType))
    }
  }

  /// `cpu_read`: checks the target and queues its loads, one cache line per step.
  mutating func cpuRead(_ pointer: Operand, offset: UInt64, length: UInt64, result: String?) {
    guard let (virtual, translation) = cpuTarget(pointer, offset: offset, "cpu_read") else {
      return
    }
    log(
      .kernel, "cpu_read",
      "load \(length) bytes at \(virtual.hex) (phys \(translation.physical.hex), "
        + "\(translation.mapping.memoryType.kernelName))")
    checkOwnership(translation.physical, count: length, access: "reads")
    checkBounds(virtual, count: length, access: "Read", function: "cpu_read")
    cpu.readBuffer = ReadBuffer()
    if length > 0 {
      cpu.pending.append(
        .loadRun(virtual, translation.physical, count: length, translation.mapping.memoryType))
    }
    cpu.pending.append(.finishRead(virtual, result))
  }

  /// One store micro-operation, per the mapping's attribute: write-back and write-through go
  /// through the cache (write-through also writes RAM), bufferable (Normal-NC) stores wait in the
  /// write buffer, Device stores go to the bus at once and in order.
  mutating func store(
    _ virtual: VirtAddr, _ physical: PhysAddr, _ bytes: [UInt8], _ type: MemoryType
  ) {
    run.lastTouch.physical.append(
      MemoryRegion(name: "store", base: physical.rawValue, size: UInt64(bytes.count)))
    guard type.isCacheable else {
      if type.isBufferable {
        bufferedStore(physical, bytes, type)
        return
      }
      memory.ram.write(physical, bytes: bytes)
      log(
        .hardware, "str",
        "\(bytes.count) bytes → bus at \(physical.hex) (\(type.kernelName): no cache, no "
          + "gathering; the access completes in program order)")
      return
    }
    let policy: CacheGeometry.WritePolicy =
      type == .normalWriteThrough ? .writeThrough : memory.cache.geometry.writePolicy
    let access = memory.cache.write(
      physical, bytes: bytes, ram: &memory.ram, step: stepCount, policy: policy)
    noteCacheAccess(access)
    logAccess(access, verb: "store", count: bytes.count, physical: physical, policy: policy)
  }

  /// One load micro-operation.
  mutating func load(_ virtual: VirtAddr, _ physical: PhysAddr, _ count: Int, _ type: MemoryType) {
    run.lastTouch.physical.append(
      MemoryRegion(name: "load", base: physical.rawValue, size: UInt64(count)))
    guard type.isCacheable else {
      var bytes = memory.ram.read(physical, count: count)
      var forwarded = 0
      for index in bytes.indices {
        if let byte = memory.writeBuffer.byte(at: physical.advanced(by: UInt64(index))) {
          bytes[index] = byte
          forwarded += 1
        }
      }
      cpu.readBuffer.append(bytes)
      log(
        .hardware, "ldr",
        "\(count) bytes ← RAM at \(physical.hex) (\(type.kernelName))"
          + (forwarded > 0
            ? "; \(forwarded) byte(s) forwarded from the CPU's own write buffer" : ""))
      return
    }
    let (bytes, access) = memory.cache.read(
      physical, count: count, ram: &memory.ram, step: stepCount)
    noteCacheAccess(access)
    noteLoad(physical, count: count, hit: access.hit)
    cpu.readBuffer.append(bytes)
    logAccess(access, verb: "load", count: count, physical: physical)
  }

  /// One maintenance instruction on each line of a range, in one step (block granularity).
  mutating func maintainRange(_ operation: CacheOperation, _ address: PhysAddr, lines: Int) {
    let lineSize = UInt64(memory.cache.geometry.lineSize)
    var cached = 0
    var written = 0
    for index in 0..<lines {
      let at = address.advanced(by: UInt64(index) * lineSize)
      let result: CacheMaintenance
      switch operation {
      case .clean: result = memory.cache.clean(at, ram: &memory.ram, step: stepCount)
      case .invalidate: result = memory.cache.invalidate(at, step: stepCount)
      case .cleanInvalidate:
        result = memory.cache.cleanInvalidate(at, ram: &memory.ram, step: stepCount)
      }
      noteMaintenance(operation, at, result)
      if let slot = result.slot {
        cached += 1
        run.lastTouch.cacheSlots.append(slot)
      }
      if result.wroteBack { written += 1 }
    }
    log(
      .hardware, operation.instruction(board.architecture),
      "\(lines) lines from \(address.hex): \(cached) cached, \(written) written back",
      addresses: [LogAddress(.line, address.rawValue)],
      subjects: [.cacheLines(first: address, count: lines)])
  }

  /// One cache maintenance micro-operation.
  mutating func maintain(_ operation: CacheOperation, _ address: PhysAddr) {
    let result: CacheMaintenance
    switch operation {
    case .clean: result = memory.cache.clean(address, ram: &memory.ram, step: stepCount)
    case .invalidate: result = memory.cache.invalidate(address, step: stepCount)
    case .cleanInvalidate:
      result = memory.cache.cleanInvalidate(address, ram: &memory.ram, step: stepCount)
    }
    noteMaintenance(operation, address, result)
    let line = memory.cache.geometry.lineAddress(address)
    guard let slot = result.slot else {
      log(
        .hardware, operation.instruction(board.architecture),
        "line \(line.hex): not cached, nothing to do", subjects: [.cacheLine(line)])
      return
    }
    run.lastTouch.cacheSlots.append(slot)
    let what: String
    switch operation {
    case .clean:
      what = result.wroteBack ? "dirty → written back to RAM, now clean" : "already clean"
    case .invalidate: what = "dropped (any CPU data in it is discarded)"
    case .cleanInvalidate: what = result.wroteBack ? "written back, then dropped" : "dropped"
    }
    log(
      .hardware, operation.instruction(board.architecture),
      "line \(line.hex) [set \(slot.set) way \(slot.way)]: \(what)",
      addresses: [LogAddress(.line, line.rawValue)], subjects: [.cacheLine(line)])
  }

  private mutating func logAccess(
    _ access: CacheAccess, verb: String, count: Int, physical: PhysAddr,
    policy: CacheGeometry.WritePolicy = .writeBack
  ) {
    guard let slot = access.slot else {
      log(
        .hardware, verb == "store" ? "str" : "ldr", "\(count) bytes: miss, no write-allocate → RAM")
      return
    }
    run.lastTouch.cacheSlots.append(slot)
    var subjects: [LogSubject] = []
    var message = "\(verb) \(count) bytes at \(physical.hex): "
    message += access.hit ? "hit" : "miss, line filled from RAM"
    message += " [set \(slot.set) way \(slot.way)]"
    if let evicted = access.evicted {
      run.lastTouch.evictions.append(evicted.lineAddress)
      subjects.append(.cacheLine(evicted.lineAddress))
      message +=
        evicted.wasDirty
        ? "; evicted dirty line \(evicted.lineAddress.hex) (written back)"
        : "; evicted clean line \(evicted.lineAddress.hex)"
    }
    if verb == "store" {
      message += policy == .writeBack ? " → dirty" : " → RAM too (write-through)"
    }
    log(
      .hardware, verb == "store" ? "str" : "ldr", message,
      addresses: [LogAddress(.phys, physical.rawValue)], subjects: subjects)
  }

  /// Resolves a pointer operand plus offset and walks the page tables for it.
  private mutating func cpuTarget(
    _ pointer: Operand, offset: UInt64, _ function: String
  ) -> (VirtAddr, Translation)? {
    guard let value = resolve(pointer, for: function) else { return nil }
    guard case .pointer(let base) = value else {
      log(.debug, function, "\(pointer.text) is \(value.text), not a CPU pointer")
      return nil
    }
    let virtual = base.advanced(by: offset)
    guard let translation = memory.pageTable.translate(virtual) else {
      log(
        .debug, function,
        "Unable to handle kernel paging request at virtual address \(virtual.hex)",
        detail: "No page-table entry maps this address; a real kernel oopses here.")
      return nil
    }
    return (virtual, translation)
  }

  /// Reports an access that runs past the end of its kmalloc object, as KASAN would.
  private mutating func checkBounds(
    _ virtual: VirtAddr, count: UInt64, access: String, function: String
  ) {
    guard
      let allocation = allocators.allocations.first(where: {
        virtual >= $0.virtualAddress && virtual.rawValue - $0.virtualAddress.rawValue < $0.size
      })
    else { return }
    let end = virtual.rawValue + count
    let limit = allocation.virtualAddress.rawValue + allocation.size
    guard end > limit else { return }
    log(
      .debug, "kasan", "BUG: KASAN: slab-out-of-bounds in \(function)",
      detail: "\(access) of size \(count) at addr \(virtual.hex): \(allocation.name) is "
        + "\(allocation.size) bytes (\(allocation.allocator)), so \(end - limit) bytes fall "
        + "outside it and corrupt whatever follows.")
  }

  /// Reports a CPU access to a buffer the device owns: dmascope's own coherency check (the
  /// reason `dma_sync_*` exists). The kernel had a check like it, `debug_dma_assert_idle`
  /// ("cpu touching an active dma mapped cacheline"), until v5.9 removed it (5848dc5b1b76, "dma-debug: remove debug_dma_assert_idle() function"); v6.16's
  /// kernel/dma/debug.c has nothing of the kind, so it is not labelled dma-debug.
  private mutating func checkOwnership(_ physical: PhysAddr, count: UInt64, access: String) {
    for mapping in dma.mappings
    where mapping.owner == .device && mapping.overlaps(physical, count: count) {
      let line = memory.cache.geometry.lineAddress(physical)
      log(
        .debug, "coherency",
        "the CPU touched cache line \(line.hex) of a buffer the device owns",
        detail: "dmascope's coherency check (not dma-debug: the kernel's like check, "
          + "debug_dma_assert_idle, went in v5.9). The CPU \(access) a buffer that \(deviceName(mapping.device)) owns "
          + "(\(mapping.direction.kernelName) mapping at \(Hex.prefixed(mapping.handle.rawValue))). "
          + "Until dma_unmap_single or dma_sync_single_for_cpu, the CPU and the device may see "
          + "different bytes.")
    }
    for list in dma.scatterLists where list.owner == .device {
      guard let entry = list.mappedEntries(overlapping: physical, count: count).first,
        let device = list.device
      else { continue }
      let line = memory.cache.geometry.lineAddress(physical)
      let index = list.entries.firstIndex(of: entry) ?? 0
      log(
        .debug, "coherency",
        "the CPU touched cache line \(line.hex) of a buffer the device owns",
        detail: "dmascope's coherency check (not dma-debug: the kernel's like check, "
          + "debug_dma_assert_idle, went in v5.9). The CPU \(access) entry \(index) of sgt\(list.id), which \(deviceName(device)) "
          + "owns (\(list.direction?.kernelName ?? "?") scatter-gather mapping). Until "
          + "dma_unmap_sg or dma_sync_sg_for_cpu, the CPU and the device may see different bytes.")
    }
  }
}
