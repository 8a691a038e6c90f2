/// What the IOMMU code needs from the rest of the machine: the page allocator its IO page
/// tables come from, the kernel names of devices, and the event log. `Machine` is the real
/// one; an IOMMU test uses a fake. The bus never reads the IOMMUs (they are lent out while an
/// IOMMU method runs).
protocol IOMMUBus {
  /// The page allocator IO page-table pages come from (`io_pgtable` uses `alloc_pages`). An
  /// `iommu_map` that fails leaves it as it was, so the caller reads it, allocates from its
  /// copy and writes it back only on success.
  var tablePages: PageAllocator { get set }
  /// The kernel `dev_name()` of a board device name.
  func deviceName(_ name: String) -> String
  /// Logs an event of the current step.
  mutating func emit(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String?,
    addresses: [LogAddress], subjects: [LogSubject])
}

extension IOMMUBus {
  /// Logs an event of the current step.
  mutating func log(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String? = nil,
    addresses: [LogAddress] = [], subjects: [LogSubject] = []
  ) {
    emit(source, function, message, detail: detail, addresses: addresses, subjects: subjects)
  }
}
