@testable import DMASim

/// A bus for IOMMU tests: a page allocator for IO page tables over a small range, kernel
/// device names with a `.dev` suffix, and the log as text. No machine, board or scenario.
struct FakeIOMMUBus: IOMMUBus {
  var tablePages: PageAllocator
  var logged: [String] = []

  /// A bus whose page allocator hands out `pages` pages from 0x8000_0000.
  init(pages: UInt64) {
    tablePages = PageAllocator(
      range: MemoryRegion(name: "table pages", base: 0x8000_0000, size: pages << 12))
  }

  func deviceName(_ name: String) -> String { name + ".dev" }

  mutating func emit(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String?,
    addresses: [LogAddress], subjects: [LogSubject]
  ) {
    logged.append("\(function): \(message)")
  }
}
