extension Machine {
  /// A physical channel event: check the request line at a burst boundary, then move one beat.
  mutating func runChannel(_ controller: Int, _ physical: Int) {
    var pchan = controllers[controller].physicalChannels[physical]
    guard let channel = pchan.virtualChannel,
      !controllers[controller].virtualChannels[channel].paused,
      let id = controllers[controller].virtualChannels[channel].active,
      let descriptor = controllers[controller].virtualChannels[channel].descriptors[id]
    else { return }
    let vchan = controllers[controller].virtualChannels[channel]
    let peripheralIndex = peripherals.firstIndex { $0.name == vchan.peripheral }
    let name = "\(controllers[controller].name) ch\(physical)"
    var (width, burst) = beatShape(descriptor, vchan.config, controllers[controller].capabilities)
    if granularity == .block, case .memcpy = descriptor.kind {
      // Block granularity: a memcpy moves up to the rest of its 4 KiB block in one step.
      let offset = descriptor.transferred % PhysicalMemory.pageSize
      width = Int(min(descriptor.residue, PhysicalMemory.pageSize - offset))
      burst = 1
    }
    if pchan.beatsLeftInBurst == 0 {
      if let index = peripheralIndex, !requestAsserted(peripherals[index], descriptor.direction) {
        pchan.state = .waitingForRequest
        controllers[controller].physicalChannels[physical] = pchan
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
    let moved = moveBeat(controller, channel, id, width: width, peripheral: peripheralIndex)
    pchan.beatsLeftInBurst -= 1
    pchan.beatsMoved += 1
    log(
      .hardware, "beat", "\(name): beat \(pchan.beatsMoved): " + moved.text,
      addresses: moved.addresses)
    guard let after = controllers[controller].virtualChannels[channel].descriptors[id] else {
      return
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
        pchan.state = .interruptPending
        pchan.beatsLeftInBurst = 0
        agenda.schedule(.interrupt(controller: controller, physical: physical), at: clock + 1)
      } else {
        agenda.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
      }
    }
    controllers[controller].physicalChannels[physical] = pchan
  }

  /// Beat width and burst length: the slave config's peripheral side, or the controller's
  /// widest bus and longest burst for memcpy.
  private func beatShape(
    _ descriptor: Descriptor, _ config: SlaveConfig?, _ caps: DMACapabilities
  ) -> (Int, Int) {
    switch (descriptor.kind, descriptor.direction) {
    case (.memcpy, _): (caps.addressWidths.max() ?? 4, caps.maxBurst)
    case (_, .devToMem): (max(config?.srcAddrWidth ?? 1, 1), max(config?.srcMaxBurst ?? 1, 1))
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

  /// Moves one beat of a descriptor and returns what the log says about it.
  private mutating func moveBeat(
    _ controller: Int, _ channel: Int, _ id: Int, width: Int, peripheral: Int?
  ) -> (text: String, addresses: [LogAddress]) {
    guard var descriptor = controllers[controller].virtualChannels[channel].descriptors[id] else {
      return ("", [])
    }
    let device = peripheral.map { peripherals[$0].spec }
    let coherent = device?.coherent ?? false
    let count = Int(
      min(
        UInt64(width),
        descriptor.kind.isCyclic ? cyclicBytesToPeriodEnd(descriptor) : descriptor.residue))
    let offset =
      descriptor.kind.isCyclic ? descriptor.transferred % descriptor.length : descriptor.transferred
    let memory = descriptor.busAddress(at: offset)
    // The controller masters the bus: its dma-ranges offset turns bus addresses back into
    // CPU physical ones.
    let busOffset = masterOffset(controller, device)
    let physical = PhysAddr(memory.rawValue &+ busOffset)
    var text: String
    switch (descriptor.kind, descriptor.direction) {
    case (.memcpy(let destination), _):
      let bytes = deviceRead(physical, count: count, coherent: coherent)
      let target = PhysAddr(destination.rawValue &+ offset &+ busOffset)
      deviceWrite(target, bytes: bytes, coherent: coherent)
      lastTouch.physical.append(
        MemoryRegion(name: "dma write", base: target.rawValue, size: UInt64(count)))
      text = "\(count) bytes \(physical.hex) → \(target.hex) \(ByteText.quoted(bytes))"
    case (_, .devToMem):
      var bytes: [UInt8] = []
      if let index = peripheral {
        bytes = Array(peripherals[index].rxFIFO.prefix(count))
        peripherals[index].rxFIFO.removeFirst(bytes.count)
      }
      deviceWrite(physical, bytes: bytes, coherent: coherent)
      text =
        "\(bytes.count) bytes \(device?.name ?? "?") RX FIFO → \(physical.hex) \(ByteText.quoted(bytes))"
    default:
      let bytes = deviceRead(physical, count: count, coherent: coherent)
      text = "\(count) bytes from \(physical.hex) \(ByteText.quoted(bytes))"
      if let index = peripheral {
        peripherals[index].fifo += bytes
        text +=
          " → \(peripherals[index].name) FIFO (\(peripherals[index].fifo.count)/\(peripherals[index].spec.fifo?.depth ?? 0))"
        startShifting(index)
      }
    }
    lastTouch.physical.append(
      MemoryRegion(name: "dma", base: physical.rawValue, size: UInt64(count)))
    lastTouch.descriptors.append(id)
    descriptor.transferred += UInt64(count)
    controllers[controller].virtualChannels[channel].descriptors[id] = descriptor
    if !descriptor.kind.isCyclic { text += ", residue \(descriptor.residue)" }
    return (text, [LogAddress("dma_addr", memory.rawValue), LogAddress("phys", physical.rawValue)])
  }

  /// Schedules the peripheral's transmit shifter if it is idle.
  mutating func startShifting(_ index: Int) {
    guard !peripherals[index].shifting, let fifo = peripherals[index].spec.fifo else { return }
    peripherals[index].shifting = true
    agenda.schedule(.shift(peripheral: index), at: clock + UInt64(fifo.ticksPerWord))
  }

  /// What a device reads from RAM: a coherent device snoops the cache, a non-coherent one does not.
  func deviceRead(_ address: PhysAddr, count: Int, coherent: Bool) -> [UInt8] {
    guard coherent else { return ram.read(address, count: count) }
    return (0..<count).map { index in
      let at = address.advanced(by: UInt64(index))
      return coherent ? cache.peek(at, ram: ram) : ram.byte(at: at)
    }
  }

  /// A device write to RAM. A coherent device's write also updates any cached copy (the
  /// interconnect keeps them equal); a non-coherent one leaves cached lines stale.
  mutating func deviceWrite(_ address: PhysAddr, bytes: [UInt8], coherent: Bool) {
    ram.write(address, bytes: bytes)
    if coherent { cache.snoopWrite(address, bytes: bytes) }
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
  public func busAddress(at offset: UInt64) -> DMAAddr {
    var remaining = offset
    for segment in segments {
      if remaining < segment.length { return segment.address.advanced(by: remaining) }
      remaining -= segment.length
    }
    return segments.last.map { $0.address.advanced(by: $0.length) } ?? DMAAddr(0)
  }
}
