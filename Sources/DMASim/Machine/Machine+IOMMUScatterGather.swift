extension Machine {
  /// `dma_map_sg` → `iommu_dma_map_sg`: `iommu_dma_sync_sg_for_device` cleans every entry of a
  /// non-coherent device, then (next step) one IOVA range for the whole list.
  mutating func iommuDMAMapSG(
    _ context: IOMMUContext, _ spec: DeviceSpec, _ table: Int, _ count: Int,
    _ direction: DMADataDirection, result: String?
  ) {
    log(
      .kernel, "iommu_dma_map_sg",
      "dma_map_sg(\(spec.kernelName), sgt\(dma.scatterLists[table].id), \(count), "
        + "\(direction.kernelName)) → iommu_dma_map_sg: one IOVA range for all \(count) entries, "
        + "then merge what is contiguous in IOVA space")
    if !spec.coherent {
      for entry in dma.scatterLists[table].entries.prefix(count) {
        if let physical = entry.physical { queueMaintenance(.clean, physical, entry.length) }
      }
    }
    cpu.pending.append(
      .iommu(
        .mapSG(
          context, device: spec.name, table: table, count: count, direction: direction, result)))
  }

  /// The layout of `iommu_dma_map_sg`, `iommu_map_sg` and `__finalise_sg`: each entry is
  /// widened to whole IOVA pages (`s_iova_off` in front), the entries follow each other in one
  /// size-aligned IOVA range, and output segments merge entries that start on a page and would
  /// not cross the segment boundary or exceed the maximum segment size.
  mutating func iommuMapSG(
    _ context: IOMMUContext, _ device: String, _ table: Int, _ count: Int,
    _ direction: DMADataDirection, result: String?
  ) {
    guard let spec = board.device(named: device) else { return }
    let entries = Array(dma.scatterLists[table].entries.prefix(count))
    let parms = dmaParms(of: device)
    let boundary = parms.effectiveSegmentBoundary
    // The first pass: offsets, page-aligned lengths, padding for a segment boundary.
    var offsets: [UInt64] = []
    var iovaLengths: [UInt64] = []
    var iovaLength: UInt64 = 0
    for entry in entries {
      let offset = (entry.physical?.rawValue ?? 0) & 0xfff
      let length = (entry.length + offset + 0xfff) & ~0xfff
      let pad = (boundary &- iovaLength &+ 1) & boundary
      if pad != 0, pad < length - 1, let last = iovaLengths.indices.last {
        iovaLengths[last] += pad
        iovaLength += pad
      }
      offsets.append(offset)
      iovaLengths.append(length)
      iovaLength += length
    }
    let prot = IOMMUProtection.forDMA(direction, coherent: spec.coherent)
    guard let iova = allocIOVA(context, size: iovaLength, dmaLimit: dmaLimit(spec)) else {
      assign(.integer(0), to: result)
      log(.kernel, "iommu_dma_map_sg", "no IOVA space: dma_map_sg returns 0")
      return
    }
    // iommu_map_sg: physically contiguous neighbours go in one iommu_map call.
    var pieces: [(physical: PhysAddr, size: UInt64)] = []
    for (index, entry) in entries.enumerated() {
      let start = PhysAddr((entry.physical?.rawValue ?? 0) - offsets[index])
      if let last = pieces.last, last.physical.rawValue + last.size == start.rawValue {
        pieces[pieces.count - 1].size += iovaLengths[index]
      } else {
        pieces.append((start, iovaLengths[index]))
      }
    }
    guard iommuMap(context, iova: iova, pieces: pieces, prot: prot) else {
      releaseIOVA(context, iova: iova, size: iovaLength)
      assign(.integer(0), to: result)
      log(.kernel, "iommu_dma_map_sg", "iommu_map_sg failed: dma_map_sg returns 0")
      return
    }
    let segments = finaliseSG(
      iova: iova, offsets: offsets, lengths: entries.map(\.length), iovaLengths: iovaLengths,
      boundary: boundary, maxLength: UInt64(parms.effectiveMaxSegmentSize))
    for index in dma.scatterLists[table].entries.indices {
      let segment = index < segments.count ? segments[index] : nil
      dma.scatterLists[table].entries[index].dmaAddress = segment.map { DMAAddr($0.address) }
      dma.scatterLists[table].entries[index].dmaLength = segment?.length ?? 0
    }
    finishIOMMUMapSG(table, spec.name, count, segments.count, direction, result)
  }

  /// `__finalise_sg`: the output segments (address, length) for entries laid out from `iova`.
  func finaliseSG(
    iova: UInt64, offsets: [UInt64], lengths: [UInt64], iovaLengths: [UInt64], boundary: UInt64,
    maxLength: UInt64
  ) -> [(address: UInt64, length: UInt64)] {
    var segments: [(address: UInt64, length: UInt64)] = []
    var address = iova
    var currentLength: UInt64 = 0
    for index in offsets.indices {
      let offset = offsets[index]
      let length = lengths[index]
      if currentLength != 0, offset == 0, address & boundary != 0,
        maxLength - currentLength >= length, !segments.isEmpty
      {
        currentLength += length
      } else {
        currentLength = length
        segments.append((address + offset, 0))
      }
      segments[segments.count - 1].length = currentLength
      address += iovaLengths[index]
      if length + offset < iovaLengths[index] { currentLength = 0 }
    }
    return segments
  }

  private mutating func finishIOMMUMapSG(
    _ table: Int, _ device: String, _ count: Int, _ mapped: Int, _ direction: DMADataDirection,
    _ result: String?
  ) {
    dma.scatterLists[table].mappedCount = mapped
    dma.scatterLists[table].device = device
    dma.scatterLists[table].direction = direction
    dma.scatterLists[table].mappedEntries = mapped > 0 ? count : 0
    dma.scatterLists[table].owner = mapped > 0 ? .device : nil
    let entries = dma.scatterLists[table].entries.prefix(count)
    let parms = dmaParms(of: device)
    logDebug(
      dma.dmaDebug.mapSG(
        firstID: run.nextID, device: debugDevice(device),
        segments: entries.map {
          DMADebugSegment(
            physical: $0.physical ?? PhysAddr(0), virtualAddress: $0.virtualAddress ?? VirtAddr(0),
            length: UInt32(truncatingIfNeeded: $0.length),
            dmaAddress: $0.dmaAddress ?? .mappingError, dmaLength: $0.dmaLength)
        }, nents: count, mappedEntries: mapped, direction: direction,
        maxSegmentSize: parms.effectiveMaxSegmentSize,
        segmentBoundary: parms.effectiveSegmentBoundary, step: stepCount))
    run.nextID += mapped
    assign(.integer(Int64(mapped)), to: result)
    let list = entries.prefix(mapped).map {
      "\(Hex.prefixed($0.dmaAddress?.rawValue ?? 0))+\($0.dmaLength)"
    }
    log(
      .kernel, "iommu_dma_map_sg",
      "= \(mapped) segment(s) for \(count) entries: " + list.joined(separator: ", "),
      detail: mapped < count
        ? "The entries now follow each other in IOVA space, so the device sees fewer, longer "
          + "segments. Only the first \(mapped) entries carry sg_dma_address/sg_dma_len; use the "
          + "returned count, not nents, when programming the device."
        : nil)
  }

  /// `iommu_dma_unmap_sg`: the IOVA range runs from the first segment's address to the end of
  /// the last segment with a length; `__iommu_dma_unmap` takes it down.
  mutating func iommuUnmapSG(_ context: IOMMUContext, _ table: Int, _ count: Int) {
    let segments = dma.scatterLists[table].entries.prefix(count).prefix { $0.dmaLength > 0 }
    guard let first = segments.first?.dmaAddress, let last = segments.last,
      let lastAddress = last.dmaAddress
    else {
      log(.kernel, "iommu_dma_unmap_sg", "no mapped segment: nothing to unmap")
      return
    }
    iommuUnmap(
      context, iova: first.rawValue, size: lastAddress.rawValue + last.dmaLength - first.rawValue)
  }

  /// Gives pages of a failed coherent allocation back to where they came from.
  mutating func releaseCoherentPages(_ physical: PhysAddr, pages count: UInt64, cma: String?) {
    if let cma, let area = allocators.cmaAreas.firstIndex(where: { $0.name == cma }),
      allocators.cmaAreas[area].release(pfn: physical.pfn, pages: count)
    {
      return
    }
    freePages(physical, count: count)
  }
}
