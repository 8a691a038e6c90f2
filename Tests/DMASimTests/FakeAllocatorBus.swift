@testable import DMASim

/// A bus for allocator tests: 64 MiB of RAM at 0x4000_0000 in one linear mapping, the driver's
/// variables, and records of what the allocators queued on the CPU and logged. No machine,
/// board or scenario.
struct FakeAllocatorBus: AllocatorBus {
  var stepCount = 7
  var nextID = 1
  var variables: [String: Value] = [:]
  var pageTable = KernelPageTable(
    mappings: [
      KernelMapping(
        name: KernelMapping.linearMapName, virtualBase: VirtAddr(0xffff_0000_0000_0000),
        physicalBase: PhysAddr(0x4000_0000), size: 64 << 20, memoryType: .normalWriteBack,
        granule: 4096)
    ])
  var zeroed: [(VirtAddr, UInt64)] = []
  var copies: [(PhysAddr, PhysAddr, UInt64)] = []
  var logged: [String] = []
  var debugLogged: [String] = []

  mutating func resolve(_ operand: Operand, for function: String) -> Value? {
    guard case .variable(let name) = operand else { return nil }
    return variables[name]
  }

  mutating func assign(_ value: Value, to name: String?) {
    if let name { variables[name] = value }
  }

  func linearAddress(of physical: PhysAddr) -> VirtAddr? { pageTable.linearAddress(of: physical) }

  func kernelTranslation(of virtual: VirtAddr) -> Translation? { pageTable.translate(virtual) }

  mutating func addKernelMapping(_ mapping: KernelMapping) { pageTable.add(mapping) }

  mutating func queueZero(_ virtual: VirtAddr, _ physical: PhysAddr, count: UInt64) {
    zeroed.append((virtual, count))
  }

  mutating func queueBounceCopy(from source: PhysAddr, to destination: PhysAddr, size: UInt64) {
    copies.append((source, destination, size))
  }

  mutating func remapUsers(from source: PhysAddr, to target: PhysAddr) {
    for (name, value) in variables where value == .page(source) { variables[name] = .page(target) }
  }

  func liveMapping(overlapping physical: PhysAddr, count: UInt64) -> StreamingMapping? { nil }

  func deviceName(_ name: String) -> String { name }

  func dmaCoherentOK(_ device: String, _ physical: PhysAddr, size: UInt64) -> Bool { true }

  mutating func emit(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String?,
    addresses: [LogAddress], subjects: [LogSubject]
  ) {
    if source == .debug { debugLogged.append(message) } else { logged.append(message) }
  }
}
