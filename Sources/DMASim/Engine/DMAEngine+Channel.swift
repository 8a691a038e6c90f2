extension DMAEngine {
  /// One event of a physical channel: fetch a linked-list item if one is due, check the
  /// request line at a burst boundary, then move one beat through `bus`. The engine keeps its
  /// channel and descriptor state; what the driver's interrupt path does next is returned.
  mutating func runChannel(
    _ controller: Int, _ physical: Int, granularity: EventGranularity, clock: UInt64,
    bus: inout some DMABus
  ) -> ChannelStep {
    var pchan = controllers[controller].physicalChannels[physical]
    guard let channel = pchan.virtualChannel, pchan.draining == nil,
      !controllers[controller].virtualChannels[channel].paused,
      let id = controllers[controller].virtualChannels[channel].active,
      let descriptor = controllers[controller].virtualChannels[channel].descriptors[id]
    else { return .nothing }
    let vchan = controllers[controller].virtualChannels[channel]
    let peripheral = vchan.peripheral.flatMap { bus.peripheralIndex(named: $0) }
    if !descriptor.lliAddresses.isEmpty,
      pchan.lli == nil || pchan.lliMoved >= pchan.lli?.length ?? 0
    {
      fetchLLI(controller, physical, &pchan, descriptor, clock: clock, bus: &bus)
      controllers[controller].physicalChannels[physical] = pchan
      return .needsLLI(descriptor)
    }
    var (width, burst) = Self.beatShape(
      descriptor, vchan.config, controllers[controller].capabilities)
    if granularity == .block, descriptor.direction == .memToMem {
      // Block granularity: a memcpy moves up to the rest of its 4 KiB block in one step.
      let offset = descriptor.transferred % PhysicalMemory.pageSize
      width = Int(min(descriptor.residue, PhysicalMemory.pageSize - offset))
      burst = 1
    }
    let name = "\(controllers[controller].name) ch\(physical)"
    if pchan.beatsLeftInBurst == 0 {
      if let peripheral,
        !bus.requestAsserted(peripheral: peripheral, direction: descriptor.direction)
      {
        pchan.state = .waitingForRequest
        controllers[controller].physicalChannels[physical] = pchan
        let text =
          "\(name): DRQ \(vchan.requestLine.map(String.init) ?? "-") low "
          + "(\(bus.fifoText(peripheral: peripheral, direction: descriptor.direction))) → "
          + "channel waits"
        bus.log(.hardware, "drq", text)
        return .waitsForRequest(text)
      }
      let left =
        descriptor.kind.isCyclic ? Self.bytesToPeriodEnd(descriptor) : descriptor.residue
      pchan.beatsLeftInBurst = min(burst, Int((left + UInt64(width) - 1) / UInt64(width)))
      pchan.state = .busy
    }
    let moved = moveBeat(
      controller, channel, id, width: width, peripheral: peripheral, channel: &pchan,
      clock: clock, bus: &bus)
    pchan.beatsLeftInBurst -= 1
    pchan.beatsMoved += 1
    let text = "\(name): beat \(pchan.beatsMoved): " + moved.text
    bus.touched(descriptors: [id])
    bus.log(.hardware, "beat", text, addresses: moved.addresses)
    guard var after = controllers[controller].virtualChannels[channel].descriptors[id] else {
      controllers[controller].physicalChannels[physical] = pchan
      return .beat(descriptor: id, text: text, addresses: moved.addresses, next: .stopped)
    }
    if pchan.beatsLeftInBurst == 0 || after.residue == 0 {
      after.settled = after.transferred
      controllers[controller].virtualChannels[channel].descriptors[id] = after
    }
    let next: ChannelStep.Next
    if let fault = moved.fault {
      // A bus error stops the channel and raises the controller's error interrupt.
      pchan.beatsLeftInBurst = 0
      pchan.state = .interruptPending
      bus.schedule(.interrupt(controller: controller, physical: physical), at: clock + 1)
      controllers[controller].physicalChannels[physical] = pchan
      return .beat(
        descriptor: id, text: text, addresses: moved.addresses, next: .aborted(fault))
    }
    switch after.kind {
    case .cyclic(let period):
      if after.transferred % period == 0 {
        pchan.beatsLeftInBurst = 0
        next = .periodDone(channel: channel, descriptor: id)
        cyclicPeriodDone(controller, channel, id, clock: clock, bus: &bus)
        bus.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
      } else {
        next = .another
        bus.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
      }
    default:
      if after.residue == 0 {
        pchan.beatsLeftInBurst = 0
        next = .finished(after)
        finishDescriptor(controller, physical, &pchan, after, clock: clock, bus: &bus)
      } else if after.lliAddresses.isEmpty, after.segments.count > 1,
        after.isSegmentBoundary(after.transferred)
      {
        // No LLIs: the segment is done and the channel stops; the driver's interrupt handler
        // programs the next one.
        pchan.state = .interruptPending
        pchan.beatsLeftInBurst = 0
        next = .segmentInterrupt
        bus.schedule(.interrupt(controller: controller, physical: physical), at: clock + 1)
      } else {
        next = .another
        bus.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
      }
    }
    controllers[controller].physicalChannels[physical] = pchan
    return .beat(descriptor: id, text: text, addresses: moved.addresses, next: next)
  }

  /// Beat width and burst length: the slave config's peripheral side, or the controller's
  /// widest bus and longest burst for memory-to-memory transfers.
  static func beatShape(
    _ descriptor: Descriptor, _ config: SlaveConfig?, _ caps: DMACapabilities
  ) -> (Int, Int) {
    switch descriptor.direction {
    case .memToMem: (caps.addressWidths.max() ?? 4, caps.maxBurst)
    case .devToMem: (max(config?.srcAddrWidth ?? 1, 1), max(config?.srcMaxBurst ?? 1, 1))
    default: (max(config?.dstAddrWidth ?? 1, 1), max(config?.dstMaxBurst ?? 1, 1))
    }
  }

  /// Bytes left to the end of the current period of a cyclic descriptor.
  static func bytesToPeriodEnd(_ descriptor: Descriptor) -> UInt64 {
    guard case .cyclic(let period) = descriptor.kind, period > 0 else { return descriptor.residue }
    return period - descriptor.transferred % period
  }

  /// Where one beat reads and writes: memory addresses, or nil for the peripheral's FIFO.
  static func beatPlan(
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
    let left = descriptor.kind.isCyclic ? bytesToPeriodEnd(descriptor) : descriptor.residue
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
}
