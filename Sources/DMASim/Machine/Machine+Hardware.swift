extension Machine {
  /// Runs `body` on the DMA engine with the machine as its bus. The engine is lent out of the
  /// machine meanwhile, so nothing on the bus side may read `engine`.
  mutating func withEngine<Result>(
    _ body: (inout DMAEngine, inout Machine) -> Result
  ) -> Result {
    var lent = engine
    engine = DMAEngine(controllers: [])
    let result = body(&lent, &self)
    engine = lent
    return result
  }

  /// A physical channel event: the engine fetches an LLI, waits for DRQ or moves a beat, and
  /// runs what follows (a cyclic period, the end of a descriptor).
  mutating func runChannel(_ controller: Int, _ physical: Int) {
    let clock = clock
    let granularity = granularity
    _ = withEngine {
      $0.runChannel(controller, physical, granularity: granularity, clock: clock, bus: &$1)
    }
  }

  /// The controller's completion interrupt (`DMAEngine.handleInterrupt`).
  mutating func handleInterrupt(_ controller: Int, _ physical: Int) {
    let clock = clock
    withEngine { $0.handleInterrupt(controller, physical, clock: clock, bus: &$1) }
  }

  /// A channel's posted writes land (`DMAEngine.landPostedWrites`).
  mutating func landPostedWrites(_ controller: Int, _ physical: Int) {
    let clock = clock
    withEngine { $0.landPostedWrites(controller, physical, clock: clock, bus: &$1) }
  }

  /// The arbiter gives free physical channels to waiting virtual channels
  /// (`DMAEngine.arbitrate`).
  mutating func arbitrate(_ controller: Int) {
    let clock = clock
    withEngine { $0.arbitrate(controller, clock: clock, bus: &$1) }
  }

  /// Schedules the peripheral's transmit shifter if it is idle.
  mutating func startShifting(_ index: Int) {
    guard !peripherals[index].shifting, let fifo = peripherals[index].spec.fifo,
      peripherals[index].canShift,
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

  /// Marks descriptors for the views.
  mutating func touched(descriptors: [Int], completed: Bool) {
    if completed {
      run.lastTouch.completedDescriptors += descriptors
    } else {
      run.lastTouch.descriptors += descriptors
    }
  }

  /// Whether the board lists the device as `dma-coherent`.
  func isCoherent(device: String) -> Bool { board.device(named: device)?.coherent ?? false }

  /// Appends to the event log.
  mutating func emit(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String?,
    addresses: [LogAddress], subjects: [LogSubject]
  ) {
    log(source, function, message, detail: detail, addresses: addresses, subjects: subjects)
  }

  /// Puts the event on the agenda.
  mutating func schedule(_ kind: EventKind, at tick: UInt64) {
    agenda.schedule(kind, at: tick)
  }
}
