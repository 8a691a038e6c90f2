/// What the kernel allocators reach outside themselves: the CPU's variables (a call's operands
/// and its result), the kernel page tables (linear-map addresses, vmalloc-area remaps), the
/// CPU's queued memory work (zeroing, migration copies), the DMA mapping layer's reach checks,
/// the allocation ids and the log. `Machine` is the real one; an allocator test uses a fake.
protocol AllocatorBus {
  /// Events executed so far (an allocation records the step that made it).
  var stepCount: Int { get }
  /// The next object id to hand out (allocations, split CMA records).
  var nextID: Int { get set }
  /// The value of a call's operand, logging a driver error when it is undefined.
  mutating func resolve(_ operand: Operand, for function: String) -> Value?
  /// Stores a call's result, if the call names a variable.
  mutating func assign(_ value: Value, to name: String?)
  /// `__va()`: the linear-map alias of a physical address, if it has one.
  func linearAddress(of physical: PhysAddr) -> VirtAddr?
  /// The kernel page-table walk of a CPU address; nil is a translation fault.
  func kernelTranslation(of virtual: VirtAddr) -> Translation?
  /// Adds a kernel mapping (a vmalloc-area remap).
  mutating func addKernelMapping(_ mapping: KernelMapping)
  /// Queues the CPU's memset of a fresh object, one cache line per step.
  mutating func queueZero(_ virtual: VirtAddr, _ physical: PhysAddr, count: UInt64)
  /// Queues the CPU's copy of a page being migrated (`folio_copy`).
  mutating func queueBounceCopy(from source: PhysAddr, to destination: PhysAddr, size: UInt64)
  /// Makes every user of a migrated page (the driver's pointers and `struct page *`s) follow
  /// it to its new place.
  mutating func remapUsers(from source: PhysAddr, to target: PhysAddr)
  /// The live streaming or coherent mapping overlapping a range, if any.
  func liveMapping(overlapping physical: PhysAddr, count: UInt64) -> StreamingMapping?
  /// The kernel `dev_name()` of a board device name.
  func deviceName(_ name: String) -> String
  /// `dma_coherent_ok`: whether the device can reach the buffer with its coherent limit.
  func dmaCoherentOK(_ device: String, _ physical: PhysAddr, size: UInt64) -> Bool
  /// Logs an event of the current step.
  mutating func emit(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String?,
    addresses: [LogAddress], subjects: [LogSubject])
}

extension AllocatorBus {
  /// Logs an event of the current step.
  mutating func log(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String? = nil,
    addresses: [LogAddress] = [], subjects: [LogSubject] = []
  ) {
    emit(source, function, message, detail: detail, addresses: addresses, subjects: subjects)
  }

  /// Hands out the next object id.
  mutating func takeID() -> Int {
    let id = nextID
    nextID += 1
    return id
  }
}
