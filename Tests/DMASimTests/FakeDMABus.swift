@testable import DMASim

/// A bus for engine tests: a sparse byte memory with identity translation, one peripheral
/// with a transmit and a receive FIFO and a request line the test drives, and records of
/// what the engine scheduled and touched. No machine, board or scenario.
struct FakeDMABus: DMABus {
  var memory: [UInt64: UInt8] = [:]
  var transmitted: [UInt8] = []
  var receiveFIFO: [UInt8] = []
  var request = true
  var faultingPages: Set<UInt64> = []
  var scheduled: [EventKind] = []
  var touches: [MemoryRegion] = []
  var touchedDescriptors: [Int] = []
  var completedDescriptors: [Int] = []
  var logged: [String] = []

  func master(controller: String, peripheral: Int?) -> DMABusMaster {
    DMABusMaster(device: peripheral.map { _ in "uart0" }, offset: 0, coherent: false)
  }

  func peripheralIndex(named name: String) -> Int? { name == "uart0" ? 0 : nil }

  mutating func translate(
    _ address: DMAAddr, count: Int, write: Bool, master: DMABusMaster
  ) -> [BusPiece]? {
    faultingPages.contains(address.rawValue >> 12) ? nil : [(PhysAddr(address.rawValue), count)]
  }

  mutating func deviceRead(_ address: PhysAddr, count: Int, coherent: Bool) -> [UInt8] {
    (0..<UInt64(count)).map { memory[address.rawValue + $0] ?? 0 }
  }

  mutating func deviceWrite(_ address: PhysAddr, bytes: [UInt8], coherent: Bool) {
    for (offset, byte) in bytes.enumerated() { memory[address.rawValue + UInt64(offset)] = byte }
  }

  func requestAsserted(peripheral: Int, direction: DMATransferDirection) -> Bool { request }

  func fifoText(peripheral: Int, direction: DMATransferDirection) -> String {
    "uart0 FIFO full"
  }

  mutating func receive(peripheral: Int, count: Int) -> [UInt8] {
    let bytes = Array(receiveFIFO.prefix(count))
    receiveFIFO.removeFirst(bytes.count)
    return bytes
  }

  mutating func transmit(peripheral: Int, bytes: [UInt8]) -> String {
    transmitted += bytes
    return "uart0 FIFO (\(transmitted.count)/16)"
  }

  mutating func touched(_ region: MemoryRegion) { touches.append(region) }

  mutating func schedule(_ kind: EventKind, at tick: UInt64) { scheduled.append(kind) }

  mutating func touched(descriptors: [Int], completed: Bool) {
    if completed { completedDescriptors += descriptors } else { touchedDescriptors += descriptors }
  }

  func isCoherent(device: String) -> Bool { false }

  mutating func emit(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String?,
    addresses: [LogAddress], subjects: [LogSubject]
  ) {
    logged.append("\(function): \(message)")
  }

  /// Stores bytes at an address.
  mutating func store(_ bytes: [UInt8], at address: UInt64) {
    deviceWrite(PhysAddr(address), bytes: bytes, coherent: false)
  }
}
