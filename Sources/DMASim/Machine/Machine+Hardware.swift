extension Machine {
  /// A physical channel event. The engine moves the beat through the machine as its bus (the
  /// engine is lent out of the machine while it runs, so the bus side never reads it); the
  /// machine logs what happened and runs the driver's side: the LLI fetch, a cyclic period's
  /// callback, the end of a descriptor.
  mutating func runChannel(_ controller: Int, _ physical: Int) {
    var engine = self.engine
    self.engine = DMAEngine(controllers: [])
    let step = engine.runChannel(
      controller, physical, granularity: granularity, clock: clock, bus: &self)
    self.engine = engine
    switch step {
    case .nothing: return
    case .needsLLI(let descriptor):
      var pchan = engine.controllers[controller].physicalChannels[physical]
      fetchLLI(controller, physical, &pchan, descriptor)
      self.engine.controllers[controller].physicalChannels[physical] = pchan
    case .waitsForRequest(let text):
      log(.hardware, "drq", text)
    case .beat(let id, let text, let addresses, let next):
      run.lastTouch.descriptors.append(id)
      log(.hardware, "beat", text, addresses: addresses)
      switch next {
      case .another, .segmentInterrupt, .stopped: break
      case .periodDone(let channel, let id):
        cyclicPeriodDone(controller, channel, id)
        agenda.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
      case .finished(let descriptor):
        var pchan = self.engine.controllers[controller].physicalChannels[physical]
        finishDescriptor(controller, physical, &pchan, descriptor)
        self.engine.controllers[controller].physicalChannels[physical] = pchan
      }
    }
  }

  /// Schedules the peripheral's transmit shifter if it is idle.
  mutating func startShifting(_ index: Int) {
    guard !peripherals[index].shifting, let fifo = peripherals[index].spec.fifo, canShift(index),
      !peripherals[index].fifo.isEmpty
    else { return }
    peripherals[index].shifting = true
    agenda.schedule(.shift(peripheral: index), at: clock + UInt64(fifo.ticksPerWord))
  }

  /// What a device reads from RAM: a coherent device snoops the cache, a non-coherent one does not.
  func deviceRead(_ address: PhysAddr, count: Int, coherent: Bool) -> [UInt8] {
    guard coherent else { return memory.ram.read(address, count: count) }
    return (0..<count).map { index in
      memory.cache.peek(address.advanced(by: UInt64(index)), ram: memory.ram)
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

/// The machine as the DMA engine's bus: memory through the cache and IOMMUs, the peripherals'
/// FIFOs and request lines, the agenda.
extension Machine: DMABus {
  /// The peripheral's device for a slave transfer, else the controller's own device; the
  /// `dma-ranges` offset is the controller device's when the board lists it, else the
  /// peripheral's. Only a peripheral's `dma-coherent` makes the beats snoop.
  func master(controller: String, peripheral: Int?) -> DMABusMaster {
    let device = peripheral.map { peripherals[$0].spec }
    let own = board.device(named: controller)
    return DMABusMaster(
      device: device?.name ?? own?.name, offset: own?.dmaOffset ?? device?.dmaOffset ?? 0,
      coherent: device?.coherent ?? false)
  }

  /// The index of the peripheral with this board name.
  func peripheralIndex(named name: String) -> Int? {
    peripherals.firstIndex { $0.name == name }
  }

  /// `busTranslate` for the master.
  mutating func translate(
    _ address: DMAAddr, count: Int, write: Bool, master: DMABusMaster
  ) -> [BusPiece]? {
    busTranslate(master.device, address, count: count, write: write, offset: master.offset)
  }

  /// The receive FIFO's request for `DMA_DEV_TO_MEM`, else the transmit FIFO's.
  func requestAsserted(peripheral: Int, direction: DMATransferDirection) -> Bool {
    direction == .devToMem
      ? peripherals[peripheral].rxRequestAsserted : peripherals[peripheral].requestAsserted
  }

  /// How full the FIFO the channel waits for is.
  func fifoText(peripheral: Int, direction: DMATransferDirection) -> String {
    let device = peripherals[peripheral]
    return direction == .devToMem
      ? "\(device.name) RX FIFO holds \(device.rxFIFO.count) bytes"
      : "\(device.name) FIFO has \(device.freeSpace) bytes free"
  }

  /// Takes bytes from the head of the receive FIFO.
  mutating func receive(peripheral: Int, count: Int) -> [UInt8] {
    let bytes = Array(peripherals[peripheral].rxFIFO.prefix(count))
    peripherals[peripheral].rxFIFO.removeFirst(bytes.count)
    return bytes
  }

  /// Appends to the transmit FIFO and starts the shifter.
  mutating func transmit(peripheral: Int, bytes: [UInt8]) -> String {
    peripherals[peripheral].fifo += bytes
    let text =
      "\(peripherals[peripheral].name) FIFO (\(peripherals[peripheral].fifo.count)/"
      + "\(peripherals[peripheral].spec.fifo?.depth ?? 0))"
    startShifting(peripheral)
    return text
  }

  /// Marks the range for the views.
  mutating func touched(_ region: MemoryRegion) { run.lastTouch.physical.append(region) }

  /// Puts the event on the agenda.
  mutating func schedule(_ kind: EventKind, at tick: UInt64) {
    agenda.schedule(kind, at: tick)
  }
}
