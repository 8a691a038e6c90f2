extension MemorySystem {
  /// One store micro-operation, per the mapping's attribute: write-back and write-through go
  /// through the cache (write-through also writes RAM), bufferable (Normal-NC) stores wait in the
  /// write buffer, Device stores go to the bus at once and in order.
  mutating func store(
    _ physical: PhysAddr, _ bytes: [UInt8], _ type: MemoryType, bus: inout some MemoryBus
  ) {
    bus.touched(MemoryRegion(name: "store", base: physical.rawValue, size: UInt64(bytes.count)))
    guard type.isCacheable else {
      if type.isBufferable {
        bufferedStore(physical, bytes, type, bus: &bus)
        return
      }
      ram.write(physical, bytes: bytes)
      bus.log(
        .hardware, "str",
        "\(bytes.count) bytes → bus at \(physical.hex) (\(type.kernelName): no cache, no "
          + "gathering; the access completes in program order)")
      return
    }
    let policy: CacheGeometry.WritePolicy =
      type == .normalWriteThrough ? .writeThrough : cache.geometry.writePolicy
    let access = cache.write(physical, bytes: bytes, ram: &ram, step: bus.stepCount, policy: policy)
    noteCacheAccess(access, bus: &bus)
    logAccess(
      access, verb: "store", count: bytes.count, physical: physical, policy: policy, bus: &bus)
  }

  /// One load micro-operation: the bytes the CPU reads (a non-cacheable load sees its own
  /// buffered stores; a cacheable one whatever line the cache holds).
  mutating func load(
    _ physical: PhysAddr, _ count: Int, _ type: MemoryType, bus: inout some MemoryBus
  ) -> [UInt8] {
    bus.touched(MemoryRegion(name: "load", base: physical.rawValue, size: UInt64(count)))
    guard type.isCacheable else {
      var bytes = ram.read(physical, count: count)
      var forwarded = 0
      for index in bytes.indices {
        if let byte = writeBuffer.byte(at: physical.advanced(by: UInt64(index))) {
          bytes[index] = byte
          forwarded += 1
        }
      }
      bus.log(
        .hardware, "ldr",
        "\(count) bytes ← RAM at \(physical.hex) (\(type.kernelName))"
          + (forwarded > 0
            ? "; \(forwarded) byte(s) forwarded from the CPU's own write buffer" : ""))
      return bytes
    }
    let (bytes, access) = cache.read(physical, count: count, ram: &ram, step: bus.stepCount)
    noteCacheAccess(access, bus: &bus)
    noteLoad(physical, count: count, hit: access.hit, bus: &bus)
    logAccess(access, verb: "load", count: count, physical: physical, bus: &bus)
    return bytes
  }

  /// One maintenance instruction on each line of a range, in one step (block granularity).
  mutating func maintainRange(
    _ operation: CacheOperation, _ address: PhysAddr, lines: Int, bus: inout some MemoryBus
  ) {
    let lineSize = UInt64(cache.geometry.lineSize)
    var cached = 0
    var written = 0
    for index in 0..<lines {
      let at = address.advanced(by: UInt64(index) * lineSize)
      let result = apply(operation, at, step: bus.stepCount)
      noteMaintenance(operation, at, result, bus: &bus)
      if let slot = result.slot {
        cached += 1
        bus.touched(slot: slot)
      }
      if result.wroteBack { written += 1 }
    }
    bus.log(
      .hardware, operation.instruction(bus.architecture),
      "\(lines) lines from \(address.hex): \(cached) cached, \(written) written back",
      addresses: [LogAddress(.line, address.rawValue)],
      subjects: [.cacheLines(first: address, count: lines)])
  }

  /// One cache maintenance micro-operation.
  mutating func maintain(
    _ operation: CacheOperation, _ address: PhysAddr, bus: inout some MemoryBus
  ) {
    let result = apply(operation, address, step: bus.stepCount)
    noteMaintenance(operation, address, result, bus: &bus)
    let line = cache.geometry.lineAddress(address)
    guard let slot = result.slot else {
      bus.log(
        .hardware, operation.instruction(bus.architecture),
        "line \(line.hex): not cached, nothing to do", subjects: [.cacheLine(line)])
      return
    }
    bus.touched(slot: slot)
    let what: String
    switch operation {
    case .clean:
      what = result.wroteBack ? "dirty → written back to RAM, now clean" : "already clean"
    case .invalidate: what = "dropped (any CPU data in it is discarded)"
    case .cleanInvalidate: what = result.wroteBack ? "written back, then dropped" : "dropped"
    }
    bus.log(
      .hardware, operation.instruction(bus.architecture),
      "line \(line.hex) [set \(slot.set) way \(slot.way)]: \(what)",
      addresses: [LogAddress(.line, line.rawValue)], subjects: [.cacheLine(line)])
  }

  /// The cache's side of one maintenance instruction on the line holding `address`.
  private mutating func apply(
    _ operation: CacheOperation, _ address: PhysAddr, step: Int
  ) -> CacheMaintenance {
    switch operation {
    case .clean: cache.clean(address, ram: &ram, step: step)
    case .invalidate: cache.invalidate(address, step: step)
    case .cleanInvalidate: cache.cleanInvalidate(address, ram: &ram, step: step)
    }
  }

  /// The log line of a cached load or store: hit or fill, the slot, any eviction.
  private func logAccess(
    _ access: CacheAccess, verb: String, count: Int, physical: PhysAddr,
    policy: CacheGeometry.WritePolicy = .writeBack, bus: inout some MemoryBus
  ) {
    guard let slot = access.slot else {
      bus.log(
        .hardware, verb == "store" ? "str" : "ldr", "\(count) bytes: miss, no write-allocate → RAM")
      return
    }
    bus.touched(slot: slot)
    var subjects: [LogSubject] = []
    var message = "\(verb) \(count) bytes at \(physical.hex): "
    message += access.hit ? "hit" : "miss, line filled from RAM"
    message += " [set \(slot.set) way \(slot.way)]"
    if let evicted = access.evicted {
      bus.touched(eviction: evicted.lineAddress)
      subjects.append(.cacheLine(evicted.lineAddress))
      message +=
        evicted.wasDirty
        ? "; evicted dirty line \(evicted.lineAddress.hex) (written back)"
        : "; evicted clean line \(evicted.lineAddress.hex)"
    }
    if verb == "store" {
      message += policy == .writeBack ? " → dirty" : " → RAM too (write-through)"
    }
    bus.log(
      .hardware, verb == "store" ? "str" : "ldr", message,
      addresses: [LogAddress(.phys, physical.rawValue)], subjects: subjects)
  }
}
