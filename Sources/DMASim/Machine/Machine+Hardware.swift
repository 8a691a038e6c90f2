extension Machine {
  /// A physical channel event: fetch a linked-list item if one is due, check the request line
  /// at a burst boundary, then move one beat.
  mutating func runChannel(_ controller: Int, _ physical: Int) {
    var pchan = engine.controllers[controller].physicalChannels[physical]
    guard let channel = pchan.virtualChannel, pchan.draining == nil,
      !engine.controllers[controller].virtualChannels[channel].paused,
      let id = engine.controllers[controller].virtualChannels[channel].active,
      let descriptor = engine.controllers[controller].virtualChannels[channel].descriptors[id]
    else { return }
    let vchan = engine.controllers[controller].virtualChannels[channel]
    let peripheralIndex = peripherals.firstIndex { $0.name == vchan.peripheral }
    let name = "\(engine.controllers[controller].name) ch\(physical)"
    if !descriptor.lliAddresses.isEmpty,
      pchan.lli == nil || pchan.lliMoved >= pchan.lli?.length ?? 0
    {
      fetchLLI(controller, physical, &pchan, descriptor)
      engine.controllers[controller].physicalChannels[physical] = pchan
      return
    }
    var (width, burst) = beatShape(
      descriptor, vchan.config, engine.controllers[controller].capabilities)
    if granularity == .block, descriptor.direction == .memToMem {
      // Block granularity: a memcpy moves up to the rest of its 4 KiB block in one step.
      let offset = descriptor.transferred % PhysicalMemory.pageSize
      width = Int(min(descriptor.residue, PhysicalMemory.pageSize - offset))
      burst = 1
    }
    if pchan.beatsLeftInBurst == 0 {
      if let index = peripheralIndex, !requestAsserted(peripherals[index], descriptor.direction) {
        pchan.state = .waitingForRequest
        engine.controllers[controller].physicalChannels[physical] = pchan
        log(
          .hardware, "drq",
          "\(name): DRQ \(vchan.requestLine.map(String.init) ?? "-") low "
            + "(\(fifoText(peripherals[index], descriptor.direction))) → channel waits")
        return
      }
      let left = descriptor.kind.isCyclic ? cyclicBytesToPeriodEnd(descriptor) : descriptor.residue
      pchan.beatsLeftInBurst = min(burst, Int((left + UInt64(width) - 1) / UInt64(width)))
      pchan.state = .busy
    }
    let moved = moveBeat(
      controller, channel, id, width: width, peripheral: peripheralIndex, channel: &pchan)
    pchan.beatsLeftInBurst -= 1
    pchan.beatsMoved += 1
    log(
      .hardware, "beat", "\(name): beat \(pchan.beatsMoved): " + moved.text,
      addresses: moved.addresses)
    guard var after = engine.controllers[controller].virtualChannels[channel].descriptors[id] else {
      return
    }
    if pchan.beatsLeftInBurst == 0 || after.residue == 0 {
      after.settled = after.transferred
      engine.controllers[controller].virtualChannels[channel].descriptors[id] = after
    }
    switch after.kind {
    case .cyclic(let period):
      if after.transferred % period == 0 {
        pchan.beatsLeftInBurst = 0
        cyclicPeriodDone(controller, channel, id)
      }
      agenda.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
    default:
      if after.residue == 0 {
        pchan.beatsLeftInBurst = 0
        finishDescriptor(controller, physical, &pchan, after)
      } else if after.lliAddresses.isEmpty, after.segments.count > 1,
        after.isSegmentBoundary(after.transferred)
      {
        // No LLIs: the segment is done and the channel stops; the driver's interrupt handler
        // programs the next one.
        pchan.state = .interruptPending
        pchan.beatsLeftInBurst = 0
        agenda.schedule(.interrupt(controller: controller, physical: physical), at: clock + 1)
      } else {
        agenda.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
      }
    }
    engine.controllers[controller].physicalChannels[physical] = pchan
  }

  /// Beat width and burst length: the slave config's peripheral side, or the controller's
  /// widest bus and longest burst for memory-to-memory transfers.
  private func beatShape(
    _ descriptor: Descriptor, _ config: SlaveConfig?, _ caps: DMACapabilities
  ) -> (Int, Int) {
    switch descriptor.direction {
    case .memToMem: (caps.addressWidths.max() ?? 4, caps.maxBurst)
    case .devToMem: (max(config?.srcAddrWidth ?? 1, 1), max(config?.srcMaxBurst ?? 1, 1))
    default: (max(config?.dstAddrWidth ?? 1, 1), max(config?.dstMaxBurst ?? 1, 1))
    }
  }

  private func requestAsserted(_ peripheral: Peripheral, _ direction: DMATransferDirection) -> Bool
  {
    direction == .devToMem ? peripheral.rxRequestAsserted : peripheral.requestAsserted
  }

  private func fifoText(_ peripheral: Peripheral, _ direction: DMATransferDirection) -> String {
    direction == .devToMem
      ? "\(peripheral.name) RX FIFO holds \(peripheral.rxFIFO.count) bytes"
      : "\(peripheral.name) FIFO has \(peripheral.freeSpace) bytes free"
  }

  private func cyclicBytesToPeriodEnd(_ descriptor: Descriptor) -> UInt64 {
    guard case .cyclic(let period) = descriptor.kind, period > 0 else { return descriptor.residue }
    return period - descriptor.transferred % period
  }

  /// Where one beat reads and writes: memory addresses, or nil for the peripheral's FIFO.
  private func beatPlan(
    _ descriptor: Descriptor, _ pchan: PhysicalChannel, width: Int
  ) -> (source: PhysAddr?, destination: PhysAddr?, count: Int) {
    if let lli = pchan.lli {
      let count = Int(min(UInt64(width), lli.length - pchan.lliMoved))
      let sourceStep = lli.control & LinkedListItem.sourceIncrement != 0 ? pchan.lliMoved : 0
      let destinationStep =
        lli.control & LinkedListItem.destinationIncrement != 0 ? pchan.lliMoved : 0
      let source = PhysAddr(UInt64(lli.source) + sourceStep)
      let destination = PhysAddr(UInt64(lli.destination) + destinationStep)
      switch descriptor.direction {
      case .memToDev: return (source, nil, count)
      case .devToMem: return (nil, destination, count)
      default: return (source, destination, count)
      }
    }
    let offset =
      descriptor.kind.isCyclic ? descriptor.transferred % descriptor.length : descriptor.transferred
    let left = descriptor.kind.isCyclic ? cyclicBytesToPeriodEnd(descriptor) : descriptor.residue
    var count = min(UInt64(width), left, descriptor.segmentRemaining(at: offset))
    let memory = PhysAddr(descriptor.busAddress(at: offset).rawValue)
    switch (descriptor.kind, descriptor.direction) {
    case (.memcpy(let destination), _):
      return (memory, PhysAddr(destination.rawValue + offset), Int(count))
    case (.interleaved(let destination), _):
      let target = Descriptor.address(in: destination, at: offset)
      count = min(count, Descriptor.remaining(in: destination, at: offset))
      return (memory, PhysAddr(target.rawValue), Int(count))
    case (_, .devToMem): return (nil, memory, Int(count))
    default: return (memory, nil, Int(count))
    }
  }

  /// Moves one beat of a descriptor and returns what the log says about it. The plan's
  /// addresses are bus addresses; the channel's master (the peripheral, else the controller)
  /// translates them through its IOMMU or its `dma-ranges` offset, and a faulting beat is
  /// dropped.
  private mutating func moveBeat(
    _ controller: Int, _ channel: Int, _ id: Int, width: Int, peripheral: Int?,
    channel pchan: inout PhysicalChannel
  ) -> (text: String, addresses: [LogAddress]) {
    guard var descriptor = engine.controllers[controller].virtualChannels[channel].descriptors[id]
    else {
      return ("", [])
    }
    let device = peripheral.map { peripherals[$0].spec }
    let coherent = device?.coherent ?? false
    let plan = beatPlan(descriptor, pchan, width: width)
    let busOffset = masterOffset(controller, device)
    let master = busMaster(controller, peripheral)
    let source = plan.source.map {
      Translated(
        busTranslate(
          master, DMAAddr($0.rawValue), count: plan.count, write: false, offset: busOffset))
    }
    let target = plan.destination.map {
      Translated(
        busTranslate(
          master, DMAAddr($0.rawValue), count: plan.count, write: true, offset: busOffset))
    }
    var bytes: [UInt8] = []
    if let pieces = source?.pieces {
      bytes = busRead(pieces, coherent: coherent)
      run.lastTouch.physical.append(
        contentsOf: pieces.map {
          MemoryRegion(name: "dma", base: $0.physical.rawValue, size: UInt64($0.count))
        })
    } else if source == nil, let index = peripheral {
      bytes = Array(peripherals[index].rxFIFO.prefix(plan.count))
      peripherals[index].rxFIFO.removeFirst(bytes.count)
    }
    let faulted = source?.pieces == nil && source != nil || target?.pieces == nil && target != nil
    let bus = (plan.source ?? plan.destination).map(\.rawValue) ?? 0
    let from = source?.first.hex ?? ""
    let to = target?.first.hex ?? ""
    var text: String
    switch (source, target) {
    case _ where faulted:
      text = "\(plan.count) bytes at \(DMAAddr(bus).hex) dropped: IOMMU fault"
    case (.some, .some(let target)):
      memoryWrite(controller, &pchan, target.pieces ?? [], bytes, coherent: coherent)
      text = "\(plan.count) bytes \(from) → \(to) \(ByteText.quoted(bytes))"
    case (nil, .some(let target)):
      memoryWrite(controller, &pchan, target.pieces ?? [], bytes, coherent: coherent)
      text = "\(bytes.count) bytes \(device?.name ?? "?") RX FIFO → \(to) \(ByteText.quoted(bytes))"
    case (.some, nil):
      text = "\(plan.count) bytes from \(from) \(ByteText.quoted(bytes))"
      if let index = peripheral {
        peripherals[index].fifo += bytes
        text +=
          " → \(peripherals[index].name) FIFO (\(peripherals[index].fifo.count)/"
          + "\(peripherals[index].spec.fifo?.depth ?? 0))"
        startShifting(index)
      }
    case (nil, nil): text = "nothing to move"
    }
    run.lastTouch.descriptors.append(id)
    descriptor.transferred += UInt64(plan.count)
    pchan.lliMoved += UInt64(plan.count)
    engine.controllers[controller].virtualChannels[channel].descriptors[id] = descriptor
    if !descriptor.kind.isCyclic { text += ", residue \(descriptor.residue)" }
    let physical = (source ?? target)?.pieces?.first?.physical.rawValue ?? bus &+ busOffset
    return (text, [LogAddress(.dmaAddr, bus), LogAddress(.phys, physical)])
  }

  /// A memory-side write from a channel over translated pieces: straight to RAM, or posted
  /// when the controller's writes take time to land.
  private mutating func memoryWrite(
    _ controller: Int, _ pchan: inout PhysicalChannel,
    _ pieces: [(physical: PhysAddr, count: Int)], _ bytes: [UInt8], coherent: Bool
  ) {
    var at = 0
    for piece in pieces where at < bytes.count {
      let end = min(bytes.count, at + piece.count)
      let chunk = Array(bytes[at..<end])
      at = end
      run.lastTouch.physical.append(
        MemoryRegion(name: "dma write", base: piece.physical.rawValue, size: UInt64(chunk.count)))
      let delay = engine.controllers[controller].capabilities.postedWriteTicks
      guard delay > 0 else {
        deviceWrite(piece.physical, bytes: chunk, coherent: coherent)
        continue
      }
      let tick = clock + UInt64(delay)
      pchan.postedWrites.append(
        PostedWrite(tick: tick, address: piece.physical, bytes: chunk, coherent: coherent))
      agenda.schedule(.postedWrite(controller: controller, physical: pchan.index), at: tick)
    }
  }

  /// One side of a beat after bus translation: its physical pieces, or nil on a fault.
  private struct Translated {
    var pieces: [(physical: PhysAddr, count: Int)]?

    init(_ pieces: [(physical: PhysAddr, count: Int)]?) { self.pieces = pieces }

    /// The first physical address, for the log.
    var first: PhysAddr { pieces?.first?.physical ?? PhysAddr(0) }
  }

  /// Schedules the peripheral's transmit shifter if it is idle.
  mutating func startShifting(_ index: Int) {
    guard !peripherals[index].shifting, let fifo = peripherals[index].spec.fifo, canShift(index),
      !peripherals[index].fifo.isEmpty
    else { return }
    peripherals[index].shifting = true
    agenda.schedule(.shift(peripheral: index), at: clock + UInt64(fifo.ticksPerWord))
  }

  /// What a device reads from translated pieces (see `deviceRead`).
  func busRead(_ pieces: [(physical: PhysAddr, count: Int)], coherent: Bool) -> [UInt8] {
    pieces.flatMap { deviceRead($0.physical, count: $0.count, coherent: coherent) }
  }

  /// A device write spread over translated pieces (see `deviceWrite`).
  mutating func busWrite(
    _ pieces: [(physical: PhysAddr, count: Int)], bytes: [UInt8], coherent: Bool
  ) {
    var at = 0
    for piece in pieces where at < bytes.count {
      let end = min(bytes.count, at + piece.count)
      deviceWrite(piece.physical, bytes: Array(bytes[at..<end]), coherent: coherent)
      at = end
    }
  }

  /// What a device reads from RAM: a coherent device snoops the cache, a non-coherent one does not.
  func deviceRead(_ address: PhysAddr, count: Int, coherent: Bool) -> [UInt8] {
    guard coherent else { return memory.ram.read(address, count: count) }
    return (0..<count).map { index in
      let at = address.advanced(by: UInt64(index))
      return coherent ? memory.cache.peek(at, ram: memory.ram) : memory.ram.byte(at: at)
    }
  }

  /// A device write to RAM. A coherent device's write also updates any cached copy (the
  /// interconnect keeps them equal); a non-coherent one leaves cached lines stale.
  mutating func deviceWrite(_ address: PhysAddr, bytes: [UInt8], coherent: Bool) {
    memory.ram.write(address, bytes: bytes)
    if coherent {
      memory.cache.snoopWrite(address, bytes: bytes)
    } else {
      noteDeviceWrite(address, count: bytes.count)
    }
  }
}

extension Descriptor.Kind {
  /// Whether the descriptor is cyclic.
  public var isCyclic: Bool {
    if case .cyclic = self { return true }
    return false
  }
}

extension Descriptor {
  /// The bus address `offset` bytes into the memory side (across segments).
  public func busAddress(at offset: UInt64) -> DMAAddr { Self.address(in: segments, at: offset) }

  /// The bus address `offset` bytes into a list of segments.
  static func address(in segments: [Segment], at offset: UInt64) -> DMAAddr {
    var remaining = offset
    for segment in segments {
      if remaining < segment.length { return segment.address.advanced(by: remaining) }
      remaining -= segment.length
    }
    return segments.last.map { $0.address.advanced(by: $0.length) } ?? DMAAddr(0)
  }

  /// Bytes left in the segment that holds `offset` (a beat never crosses a segment).
  static func remaining(in segments: [Segment], at offset: UInt64) -> UInt64 {
    var start: UInt64 = 0
    for segment in segments {
      if offset < start + segment.length { return start + segment.length - offset }
      start += segment.length
    }
    return UInt64.max
  }

  /// Bytes left in the memory-side segment that holds `offset`.
  func segmentRemaining(at offset: UInt64) -> UInt64 { Self.remaining(in: segments, at: offset) }

  /// Whether `offset` is where one segment ends and another begins.
  func isSegmentBoundary(_ offset: UInt64) -> Bool {
    var end: UInt64 = 0
    for segment in segments.dropLast() {
      end += segment.length
      if end == offset { return true }
      if end > offset { return false }
    }
    return false
  }

  /// Bytes of the segments not finished yet (a segment-granular residue).
  var segmentResidue: UInt64 {
    var end: UInt64 = 0
    for segment in segments {
      end += segment.length
      if end > transferred { return length - (end - segment.length) }
    }
    return 0
  }
}
