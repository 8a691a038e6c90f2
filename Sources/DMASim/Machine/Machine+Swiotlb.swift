extension Machine {
  /// `ARCH_DMA_MINALIGN` on arm64.
  static let archDMAMinAlign: UInt64 = 128

  /// `dma_get_cache_alignment()`: arm64 defines it as `cache_line_size()`
  /// (arch/arm64/include/asm/cache.h), the CPU's cache line (CTR_EL0.CWG; 64 bytes on
  /// QEMU's cortex-a57), not `ARCH_DMA_MINALIGN`.
  var dmaCacheAlignment: UInt64 { UInt64(max(board.cache.lineSize, 1)) }

  /// `dma_kmalloc_needs_bounce` (include/linux/dma-map-ops.h; arm64 selects
  /// `CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC`): not `dma_kmalloc_safe` (a non-coherent device and
  /// a direction other than `DMA_TO_DEVICE`) and not `dma_kmalloc_size_aligned` (fewer than
  /// `2 * ARCH_DMA_MINALIGN` bytes and a kmalloc size class that is not a multiple of
  /// `dma_get_cache_alignment()`). Only on boards with a swiotlb pool: without one the kernel
  /// keeps kmalloc caches DMA-aligned.
  func kmallocNeedsBounce(_ spec: DeviceSpec, size: UInt64, direction: DMADataDirection) -> Bool {
    guard dma.swiotlb != nil, !spec.coherent, direction != .toDevice,
      size < 2 * Self.archDMAMinAlign
    else { return false }
    let rounded = SlabAllocator.sizeClasses.first { $0 >= max(size, 1) } ?? size
    return rounded % dmaCacheAlignment != 0
  }

  /// `swiotlb_map` → `swiotlb_tbl_map_single`: slots for the buffer, the copy original →
  /// bounce (always, whatever the direction), `arch_sync_dma_for_device` on the bounce slots
  /// for a non-coherent device; the handle is the bounce buffer's bus address.
  mutating func swiotlbMap(
    _ device: String, virtual: VirtAddr, physical: PhysAddr, size: UInt64,
    direction: DMADataDirection, reason: String, result: String?
  ) {
    guard var pool = dma.swiotlb, let spec = board.device(named: device) else { return }
    let outcome = pool.mapBounce(
      device: device, original: physical, size: size, limits: dmaParms(of: device).swiotlbLimits)
    guard case .success(let record) = outcome else {
      if case .failure(let full) = outcome {
        log(
          .kernel, "swiotlb_tbl_map_single", spec.devPrefix + full.message,
          detail: "No run of free slots is long enough (a mapping may not cross a 128-slot "
            + "segment). dma_map_single returns DMA_MAPPING_ERROR; dma_mapping_error then "
            + "returns -ENOMEM.")
      }
      assign(.dmaAddress(.mappingError), to: result)
      return
    }
    dma.swiotlb = pool
    let bounce = record.bounce
    let address = bounce.rawValue
    let first = Int((address - pool.start) >> 11)
    let last = first + SwiotlbPool.slotsNeeded(size) - 1
    log(
      .kernel, "swiotlb_tbl_map_single",
      "swiotlb_map(\(spec.kernelName), orig \(physical.hex), \(size), \(direction.kernelName)): "
        + "slot\(last > first ? "s \(first)–\(last)" : " \(first)") at \(bounce.hex); "
        + "\(pool.usedSlots) of \(pool.slotCount) slots used",
      detail: reason,
      addresses: [LogAddress(.orig, physical.rawValue), LogAddress(.bounce, address)])
    log(
      .kernel, "swiotlb_bounce",
      "copy \(size) bytes original \(physical.hex) → bounce \(bounce.hex) (on map the copy is "
        + "made for every direction, so the device never sees stale bounce contents)")
    queueBounceCopy(from: physical, to: bounce, size: size)
    if !spec.coherent {
      log(
        .kernel, "arch_sync_dma_for_device",
        "arch_sync_dma_for_device(\(bounce.hex), \(size), \(direction.kernelName)): "
          + "dcache_clean_poc on the bounce slots — the copy sits in the cache until cleaned",
        subjects: [.maintenance(.cleanPoC)])
      queueMaintenance(.clean, bounce, size)
    }
    let mapping = StreamingMapping(
      id: run.nextID, device: device, handle: busAddress(bounce, for: device),
      virtualAddress: virtual, physical: physical, size: size, direction: direction,
      kind: .single, owner: .device, errorChecked: false, mappedAtStep: stepCount)
    run.nextID += 1
    cpu.pending.append(.finishMap(mapping, result))
  }

  /// The live bounce buffer a device's handle points into.
  func bounceIndex(_ device: String, _ handle: DMAAddr, size: UInt64) -> Int? {
    guard handle != .mappingError else { return nil }
    return dma.swiotlb?.bounceIndex(device: device, at: physicalAddress(handle, for: device))
  }

  /// The original address and byte count a sync at `handle` covers (truncated, with the
  /// kernel's warning, when it runs past the allocation).
  private mutating func bounceSpan(
    _ index: Int, _ spec: DeviceSpec, _ handle: DMAAddr, _ size: UInt64
  ) -> (original: PhysAddr, bounce: PhysAddr, count: UInt64) {
    guard let pool = dma.swiotlb else { return (PhysAddr(0), PhysAddr(0), 0) }
    let bounce = pool.bounces[index]
    let span = pool.span(
      ofBounce: index, at: physicalAddress(handle, for: bounce.device), size: size)
    if let asked = span.overflowingSize {
      log(
        .kernel, "swiotlb_bounce",
        spec.devPrefix + "Buffer overflow detected. Allocation size: \(bounce.size). "
          + "Mapping size: \(asked).")
    }
    return (span.original, span.bounce, span.count)
  }

  /// `dma_direct_sync_single_for_cpu` on a bounce buffer: `arch_sync_dma_for_cpu` on the
  /// bounce slots first, then the copy bounce → original for `DMA_FROM_DEVICE` and
  /// `DMA_BIDIRECTIONAL`.
  mutating func syncBounceForCPU(
    _ index: Int, _ spec: DeviceSpec, _ handle: DMAAddr, _ size: UInt64,
    _ direction: DMADataDirection
  ) {
    let span = bounceSpan(index, spec, handle, size)
    if !spec.coherent { syncForCPU(span.bounce, span.count, direction) }
    guard direction != .toDevice else {
      log(
        .kernel, "swiotlb_bounce",
        "DMA_TO_DEVICE: nothing to copy back — the device only read the bounce buffer")
      return
    }
    log(
      .kernel, "swiotlb_bounce",
      "copy \(span.count) bytes bounce \(span.bounce.hex) → original \(span.original.hex) "
        + "(\(direction.kernelName): the device wrote the bounce buffer)")
    queueBounceCopy(from: span.bounce, to: span.original, size: span.count)
  }

  /// `dma_direct_sync_single_for_device` on a bounce buffer: the copy original → bounce for
  /// `DMA_TO_DEVICE` and `DMA_BIDIRECTIONAL` first, then `arch_sync_dma_for_device` on the
  /// bounce slots.
  mutating func syncBounceForDevice(
    _ index: Int, _ spec: DeviceSpec, _ handle: DMAAddr, _ size: UInt64,
    _ direction: DMADataDirection
  ) {
    let span = bounceSpan(index, spec, handle, size)
    if direction == .fromDevice {
      log(
        .kernel, "swiotlb_bounce",
        "DMA_FROM_DEVICE: nothing to copy — the CPU's data is not for the device")
    } else {
      log(
        .kernel, "swiotlb_bounce",
        "copy \(span.count) bytes original \(span.original.hex) → bounce \(span.bounce.hex) "
          + "(\(direction.kernelName): the device must read the CPU's new data)")
      queueBounceCopy(from: span.original, to: span.bounce, size: span.count)
    }
    if !spec.coherent { syncForDevice(span.bounce, span.count, direction) }
  }

  /// `swiotlb_release_slots` when a mapping ends.
  mutating func releaseBounce(_ device: String, _ handle: DMAAddr) {
    guard let index = bounceIndex(device, handle, size: 1), var pool = dma.swiotlb else { return }
    let released = pool.releaseBounce(at: index, limits: dmaParms(of: device).swiotlbLimits)
    dma.swiotlb = pool
    guard let bounce = released else { return }
    log(
      .kernel, "swiotlb_tbl_unmap_single",
      "\(deviceName(device)): bounce slots at \(bounce.bounce.hex) released; "
        + "\(pool.usedSlots) of \(pool.slotCount) slots used")
  }

  /// Queues `swiotlb_bounce`'s memcpy in pieces that stay within one cache line on both sides.
  mutating func queueBounceCopy(from source: PhysAddr, to destination: PhysAddr, size: UInt64) {
    let line = UInt64(memory.cache.geometry.lineSize)
    var done: UInt64 = 0
    while done < size {
      let from = source.rawValue + done
      let to = destination.rawValue + done
      let count = min(size - done, line - from % line, line - to % line)
      cpu.pending.append(
        .bounceCopy(from: PhysAddr(from), to: PhysAddr(to), count: Int(count)))
      done += count
    }
  }

  /// One piece of `swiotlb_bounce`: the CPU loads through the cacheable linear map and stores
  /// through it (the bounce slots are ordinary kernel memory).
  mutating func bounceCopy(from source: PhysAddr, to destination: PhysAddr, count: Int) {
    run.lastTouch.physical.append(
      MemoryRegion(name: "load", base: source.rawValue, size: UInt64(count)))
    run.lastTouch.physical.append(
      MemoryRegion(name: "store", base: destination.rawValue, size: UInt64(count)))
    let (bytes, read) = memory.cache.read(source, count: count, ram: &memory.ram, step: stepCount)
    noteCacheAccess(read)
    noteLoad(source, count: count, hit: read.hit)
    noteCacheAccess(
      memory.cache.write(destination, bytes: bytes, ram: &memory.ram, step: stepCount))
    log(
      .hardware, "memcpy",
      "\(count) bytes \(source.hex) → \(destination.hex) \(ByteText.quoted(bytes)) "
        + "(through the cache)",
      addresses: [LogAddress(.from, source.rawValue), LogAddress(.to, destination.rawValue)])
  }
}

extension Machine {
  /// The live bounce buffer standing in for an original buffer.
  func bounceFor(_ device: String, original: PhysAddr) -> Int? {
    dma.swiotlb?.bounceIndex(device: device, original: original)
  }

  /// `dma_direct_map_sg`'s per-entry `dma_direct_map_page` decisions: entries the device
  /// cannot reach (or that `swiotlb=force` or kmalloc alignment bounces) get slots and the
  /// copy; with no swiotlb pool, or when the pool is full, the already bounced entries are
  /// released and the call fails (`dma_map_sg` returns 0). Returns whether all entries map.
  mutating func mapSGBounces(
    _ device: String, _ spec: DeviceSpec, _ entries: [ScatterList.Entry],
    _ direction: DMADataDirection
  ) -> Bool {
    let forced = board.swiotlb?.forceBounce == true
    var made: [DMAAddr] = []
    for entry in entries {
      guard let physical = entry.physical else { continue }
      let handle = busAddress(physical, for: device)
      let needed =
        forced || kmallocNeedsBounce(spec, size: entry.length, direction: direction)
        || !dmaCapable(device, handle, size: entry.length)
      guard needed else { continue }
      var failure: String?
      if var pool = dma.swiotlb {
        switch pool.mapBounce(
          device: device, original: physical, size: entry.length,
          limits: dmaParms(of: device).swiotlbLimits)
        {
        case .success(let record):
          dma.swiotlb = pool
          let bounce = record.bounce
          made.append(busAddress(bounce, for: device))
          log(
            .kernel, "swiotlb_tbl_map_single",
            "dma_map_sg entry at \(physical.hex) (\(entry.length) bytes) bounces through "
              + "\(bounce.hex); \(pool.usedSlots) of \(pool.slotCount) slots used")
          queueBounceCopy(from: physical, to: bounce, size: entry.length)
          if !spec.coherent { queueMaintenance(.clean, bounce, entry.length) }
        case .failure(let full): failure = spec.devPrefix + full.message
        }
      } else {
        failure =
          spec.devPrefix + "DMA addr \(handle.hex)+\(entry.length) overflow (mask "
          + "\(Hex.format(masks(of: device).streaming)), bus limit "
          + "\(Hex.format(spec.busDMALimit))."
      }
      if let failure {
        log(.kernel, "dma_map_sg", failure)
        for handle in made { releaseBounce(device, handle) }
        log(
          .kernel, "dma_map_sg",
          "dma_map_sg(\(spec.kernelName), …) = 0: dma_direct_map_sg unmapped the entries it had "
            + "mapped and returned -EIO, which dma_map_sg turns into 0")
        return false
      }
    }
    return true
  }
}
