extension Machine {
  /// Runs the scatter-gather calls.
  mutating func executeScatterGather(_ action: Action) {
    switch action.operation {
    case .sgInitTable(let count):
      let table = ScatterList(
        id: run.nextID, entries: Array(repeating: ScatterList.Entry(), count: max(0, count)))
      run.nextID += 1
      dma.scatterLists.append(table)
      assign(.scatterList(table.id), to: action.result)
      log(.kernel, "sg_init_table", "sg_init_table(sgt\(table.id), \(count))")
    case .sgSetBuf(let tableOperand, let index, let pointer, let length):
      guard let table = tableIndex(tableOperand, "sg_set_buf"),
        let value = resolve(pointer, for: "sg_set_buf")
      else { return }
      guard dma.scatterLists[table].entries.indices.contains(index),
        case .pointer(let virtual) = value
      else {
        log(
          .debug, "sg_set_buf",
          "entry \(index) is outside the table, or \(value.text) is no pointer")
        return
      }
      dma.scatterLists[table].entries[index].virtualAddress = virtual
      dma.scatterLists[table].entries[index].length = length
      dma.scatterLists[table].entries[index].physical =
        memory.pageTable.translate(virtual)?.physical
      log(
        .kernel, "sg_set_buf",
        "sgt\(dma.scatterLists[table].id)[\(index)] = \(virtual.hex), \(length) bytes")
    case .dmaMapSG(let device, let tableOperand, let count, let direction):
      guard let table = tableIndex(tableOperand, "dma_map_sg") else { return }
      mapSG(device, table, count, direction, result: action.result)
    case .dmaUnmapSG(let device, let tableOperand, let count, let direction):
      guard let table = tableIndex(tableOperand, "dma_unmap_sg") else { return }
      unmapSG(device, table, count, direction)
    case .dmaSyncSG(let forCPU, let device, let tableOperand, let count, let direction):
      let name = forCPU ? "dma_sync_sg_for_cpu" : "dma_sync_sg_for_device"
      guard let table = tableIndex(tableOperand, name) else { return }
      syncSG(forCPU: forCPU, device, table, count, direction)
    case .prepSlaveSG(let channel, let tableOperand, let countOperand, let direction, let flags):
      prepSlaveSG(channel, tableOperand, countOperand, direction, flags, result: action.result)
    default: break
    }
  }

  /// `dma_map_sg` → `dma_direct_map_sg`: each entry mapped on its own (no merging without an
  /// IOMMU), cleaned for a non-coherent device; any failure unmaps the rest and returns 0.
  mutating func mapSG(
    _ device: String, _ table: Int, _ count: Int, _ direction: DMADataDirection, result: String?
  ) {
    guard let spec = board.device(named: device) else { return }
    let entries = dma.scatterLists[table].entries.prefix(max(0, count))
    guard count > 0, entries.count == count,
      entries.allSatisfy({ $0.physical != nil && $0.length > 0 })
    else {
      assign(.integer(0), to: result)
      log(
        .kernel, "dma_map_sg",
        "dma_map_sg(\(spec.kernelName), sgt\(dma.scatterLists[table].id), \(count)) = 0: an entry is "
          + "unset, empty or not in the linear map (dma_map_sg turns the -EIO into 0)")
      return
    }
    if let context = iommuContext(for: device) {
      iommuDMAMapSG(context, spec, table, count, direction, result: result)
      return
    }
    log(
      .kernel, "dma_map_sg",
      "dma_map_sg(\(spec.kernelName), sgt\(dma.scatterLists[table].id), \(count), "
        + "\(direction.kernelName)) → dma_direct_map_sg: one dma_direct_map_page per entry")
    guard mapSGBounces(device, spec, Array(entries), direction) else {
      assign(.integer(0), to: result)
      return
    }
    if !spec.coherent {
      for entry in entries {
        guard let physical = entry.physical, bounceFor(device, original: physical) == nil else {
          continue
        }
        if board.architecture == .arm32 {
          arm32CPUToDevice(physical, entry.length, direction)
        } else {
          queueMaintenance(.clean, physical, entry.length)
        }
      }
    }
    cpu.pending.append(
      .finishMapSG(table: table, device: device, count: count, direction: direction, result))
  }

  /// Records the mapped entries (and dma-debug's one entry per mapped segment).
  mutating func finishMapSG(
    _ table: Int, _ device: String, _ count: Int, _ direction: DMADataDirection, _ result: String?
  ) {
    for index in 0..<count {
      let physical = dma.scatterLists[table].entries[index].physical ?? PhysAddr(0)
      let target =
        bounceFor(device, original: physical).flatMap { dma.swiotlb?.bounces[$0].bounce }
        ?? physical
      dma.scatterLists[table].entries[index].dmaAddress = busAddress(target, for: device)
      dma.scatterLists[table].entries[index].dmaLength =
        dma.scatterLists[table].entries[index].length
    }
    dma.scatterLists[table].mappedCount = count
    dma.scatterLists[table].device = device
    dma.scatterLists[table].direction = direction
    dma.scatterLists[table].mappedEntries = count
    dma.scatterLists[table].owner = .device
    let parms = dmaParms(of: device)
    logDebug(
      dma.dmaDebug.mapSG(
        firstID: run.nextID, device: debugDevice(device), segments: segments(table, count),
        nents: count,
        mappedEntries: count, direction: direction,
        maxSegmentSize: parms.effectiveMaxSegmentSize,
        segmentBoundary: parms.effectiveSegmentBoundary, step: stepCount))
    run.nextID += count
    assign(.integer(Int64(count)), to: result)
    let list = dma.scatterLists[table].entries.prefix(count).map {
      "\(Hex.prefixed($0.dmaAddress?.rawValue ?? 0))+\($0.dmaLength)"
    }
    log(.kernel, "dma_map_sg", "= \(count): " + list.joined(separator: ", "))
  }

  /// `dma_unmap_sg`: sync each entry for the CPU (invalidate unless TO_DEVICE), then check.
  mutating func unmapSG(
    _ device: String, _ table: Int, _ count: Int, _ direction: DMADataDirection
  ) {
    let spec = board.device(named: device)
    log(
      .kernel, "dma_unmap_sg",
      "dma_unmap_sg(\(deviceName(device)), sgt\(dma.scatterLists[table].id), \(count), "
        + "\(direction.kernelName))")
    for entry in dma.scatterLists[table].entries.prefix(max(0, count)) {
      if let spec, let handle = entry.dmaAddress,
        let bounce = bounceIndex(device, handle, size: entry.length)
      {
        syncBounceForCPU(bounce, spec, handle, entry.length, direction)
      } else if spec?.coherent == false, direction != .toDevice, let physical = entry.physical {
        if board.architecture == .arm32 {
          arm32DeviceToCPU(physical, entry.length, direction)
        } else {
          queueInvalidate(physical, entry.length)
        }
      }
    }
    if let context = iommuContext(for: device) {
      cpu.pending.append(.iommu(.unmapSG(context, table: table, count: count)))
    }
    cpu.pending.append(
      .finishUnmapSG(table: table, device: device, count: count, direction: direction))
  }

  /// dma-debug's `check_unmap` per segment, then the table forgets its bus addresses.
  mutating func finishUnmapSG(
    _ table: Int, _ device: String, _ count: Int, _ direction: DMADataDirection
  ) {
    logDebug(
      dma.dmaDebug.unmapSG(
        device: debugDevice(device), segments: segments(table, count), nents: count,
        direction: direction))
    for index in dma.scatterLists[table].entries.indices {
      if let handle = dma.scatterLists[table].entries[index].dmaAddress {
        releaseBounce(device, handle)
      }
      dma.scatterLists[table].entries[index].dmaAddress = nil
      dma.scatterLists[table].entries[index].dmaLength = 0
    }
    dma.scatterLists[table].mappedCount = 0
    dma.scatterLists[table].mappedEntries = 0
    dma.scatterLists[table].owner = nil
    log(.kernel, "dma_unmap_sg", "sgt\(dma.scatterLists[table].id) unmapped")
  }

  /// `dmaengine_prep_slave_sg`: one descriptor whose segments are the mapped entries.
  private mutating func prepSlaveSG(
    _ channel: Operand, _ tableOperand: Operand, _ countOperand: Operand,
    _ direction: DMATransferDirection, _ flags: DMACtrlFlags, result: String?
  ) {
    let function = "dmaengine_prep_slave_sg"
    guard let (controller, index) = channelIndex(channel, function),
      let table = tableIndex(tableOperand, function),
      let countValue = resolve(countOperand, for: function)
    else { return }
    let count: Int
    switch countValue {
    case .integer(let value): count = Int(max(0, value))
    default: count = 0
    }
    let mapped = dma.scatterLists[table].entries.prefix(
      min(count, dma.scatterLists[table].mappedCount))
    let vchan = engine.controllers[controller].virtualChannels[index]
    guard count > 0, mapped.count == count, let config = vchan.config else {
      log(
        .kernel, function,
        "\(vchan.name): prep_slave_sg of \(count) entries = NULL (table not mapped, count 0, or no "
          + "slave config)")
      assign(.error(.null), to: result)
      return
    }
    let descriptor = newDescriptor(
      controller, flags: flags, direction: direction,
      segments: mapped.map {
        Descriptor.Segment(address: $0.dmaAddress ?? DMAAddr(0), length: $0.dmaLength)
      },
      deviceAddress: direction == .devToMem ? config.srcAddress : config.dstAddress)
    queue(descriptor, controller, index, result: result)
    let id = descriptor.id
    log(
      .kernel, function,
      "\(vchan.name): \(count) segments, \(descriptor.length) bytes \(direction.text), flags "
        + "\(flags.kernelText) → txd d\(id) on desc_allocated",
      subjects: txdSubjects(controller, index, [id]))
  }

  func segments(_ table: Int, _ count: Int) -> [DMADebugSegment] {
    dma.scatterLists[table].entries.prefix(max(0, count)).map {
      DMADebugSegment(
        physical: $0.physical ?? PhysAddr(0), virtualAddress: $0.virtualAddress ?? VirtAddr(0),
        length: UInt32(truncatingIfNeeded: $0.length), dmaAddress: $0.dmaAddress ?? DMAAddr(0),
        dmaLength: $0.dmaLength)
    }
  }

  private mutating func tableIndex(_ operand: Operand, _ function: String) -> Int? {
    guard let value = resolve(operand, for: function) else { return nil }
    guard case .scatterList(let id) = value,
      let index = dma.scatterLists.firstIndex(where: { $0.id == id })
    else {
      log(.debug, function, "\(operand.text) is \(value.text), not a scatter-gather table")
      return nil
    }
    return index
  }
}
