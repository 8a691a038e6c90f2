/// One physically contiguous piece of a bus access after translation.
typealias BusPiece = (physical: PhysAddr, count: Int)

/// The board device a channel's beats are transactions of, as the interconnect sees it.
struct DMABusMaster: Hashable, Sendable {
  /// The board device whose IOMMU context translates the beats (nil: no device, no IOMMU).
  var device: String?
  /// The `dma-ranges` offset (CPU − bus) added when no IOMMU translates.
  var offset: UInt64
  /// Whether the master snoops the CPU's cache (`dma-coherent`).
  var coherent: Bool
}

/// What a DMA controller's channels reach when they move a beat: memory through the bus
/// master's translation, the peripheral at the end of the request line, and the clock's
/// agenda for the next hardware event. `Machine` is the real one; an engine test uses a fake.
protocol DMABus {
  /// The master a channel's beats use: the peripheral of a slave transfer (its mappings give
  /// the addresses), else the controller's own device.
  func master(controller: String, peripheral: Int?) -> DMABusMaster
  /// The index of the peripheral named `name`, if the bus has one.
  func peripheralIndex(named name: String) -> Int?
  /// Bus address → physical pieces for the master (split at pages behind an IOMMU); nil when
  /// the IOMMU faults and the transaction is terminated.
  mutating func translate(
    _ address: DMAAddr, count: Int, write: Bool, master: DMABusMaster
  ) -> [BusPiece]?
  /// A device read of memory: a coherent master snoops the cache, a non-coherent one reads RAM.
  mutating func deviceRead(_ address: PhysAddr, count: Int, coherent: Bool) -> [UInt8]
  /// A device write that lands now.
  mutating func deviceWrite(_ address: PhysAddr, bytes: [UInt8], coherent: Bool)
  /// Whether the peripheral's request line for a direction is asserted.
  func requestAsserted(peripheral: Int, direction: DMATransferDirection) -> Bool
  /// The peripheral's FIFO level, for the log line of a channel that waits for it.
  func fifoText(peripheral: Int, direction: DMATransferDirection) -> String
  /// Takes up to `count` bytes from the peripheral's receive FIFO.
  mutating func receive(peripheral: Int, count: Int) -> [UInt8]
  /// Puts bytes into the peripheral's transmit FIFO (starting its shifter); returns the
  /// FIFO's name and level for the log.
  mutating func transmit(peripheral: Int, bytes: [UInt8]) -> String
  /// A physical range a beat touched, for the views.
  mutating func touched(_ region: MemoryRegion)
  /// Descriptors an event moved (and, with `completed`, the ones whose transfer completed),
  /// for the views.
  mutating func touched(descriptors: [Int], completed: Bool)
  /// Whether the board device `device` is `dma-coherent` (an LLI fetch by the controller).
  func isCoherent(device: String) -> Bool
  /// Schedules a hardware event.
  mutating func schedule(_ kind: EventKind, at tick: UInt64)
  /// Logs an event of the current step.
  mutating func emit(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String?,
    addresses: [LogAddress], subjects: [LogSubject])
}

extension DMABus {
  /// Logs an event of the current step.
  mutating func log(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String? = nil,
    addresses: [LogAddress] = [], subjects: [LogSubject] = []
  ) {
    emit(source, function, message, detail: detail, addresses: addresses, subjects: subjects)
  }

  /// Descriptors an event moved.
  mutating func touched(descriptors: [Int]) { touched(descriptors: descriptors, completed: false) }

  /// Descriptors whose transfer completed.
  mutating func touched(completed: [Int]) { touched(descriptors: completed, completed: true) }
}
