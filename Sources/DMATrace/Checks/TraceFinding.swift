/// A misuse found in a trace, in kernel/dma/debug.c's own words where it has them.
public struct TraceFinding: Hashable, Sendable {
  /// Which check fired.
  public enum Check: String, Hashable, Sendable, CaseIterable {
    /// `check_unmap`: no entry at that address for the device (also a double unmap).
    case freeNotAllocated = "free-not-allocated"
    /// `check_unmap`: an unmap of `DMA_MAPPING_ERROR`.
    case freeInvalidAddress = "free-invalid-address"
    /// `check_unmap`: the size differs from the map's.
    case freeDifferentSize = "free-different-size"
    /// `check_unmap`: the direction differs from the map's.
    case freeDifferentDirection = "free-different-direction"
    /// `check_unmap`: mapped one way, unmapped another (page vs coherent vs sg vs resource).
    case freeWrongFunction = "free-wrong-function"
    /// `check_unmap`: `dma_unmap_sg` with another `nents` than `dma_map_sg` was given.
    case freeDifferentEntryCount = "free-different-entry-count"
    /// `check_sync`: no entry holds the synced address.
    case syncNotAllocated = "sync-not-allocated"
    /// `check_sync`: the sync runs past the mapping's end.
    case syncOutsideRange = "sync-outside-range"
    /// `check_sync`: the direction differs from the map's.
    case syncDifferentDirection = "sync-different-direction"
    /// `check_sync`: `for_cpu` on memory the device only reads.
    case syncReadOnlyForCPU = "sync-read-only-for-cpu"
    /// `check_sync`: `for_device` on memory the device only writes.
    case syncWriteOnlyToDevice = "sync-write-only-to-device"
    /// `check_sync`: `dma_sync_sg_*` with another `nents` than `dma_map_sg` was given.
    case syncDifferentEntryCount = "sync-different-entry-count"
    /// `dma_debug_device_change` at `BUS_NOTIFY_UNBOUND_DRIVER`: entries still live when the
    /// device goes (here: `remove_device_from_group`).
    case pendingAtRelease = "pending-at-release"
    /// A map that returned `DMA_MAPPING_ERROR`, `dma_map_sg_err`, a failed allocation
    /// (`virt_addr` NULL, `dma_alloc_sgt_err`), or `cma_alloc_finish` with an error.
    case mapError = "map-error"
    /// `io_page_fault`: the IOMMU faulted on a device access.
    case ioPageFault = "io-page-fault"
  }

  /// Which check fired.
  public var check: Check
  /// The device (nil for CMA failures, which name an area).
  public var device: String?
  /// The report: dma-debug's text where it has one.
  public var message: String
  /// The event that fired it (index into the trace's events).
  public var eventIndex: Int
  /// Its trace line, then the lines it refers to (the map of a bad unmap, ...).
  public var lines: [Int]

  /// Creates a finding.
  public init(check: Check, device: String?, message: String, eventIndex: Int, lines: [Int]) {
    self.check = check
    self.device = device
    self.message = message
    self.eventIndex = eventIndex
    self.lines = lines
  }

  /// `DMA-API: ` for dma-debug's own checks (its `err_printk` prefix); nothing for map
  /// errors and IOMMU faults, which dma-debug does not report.
  public var prefix: String {
    switch check {
    case .mapError, .ioPageFault: ""
    default: "DMA-API: "
    }
  }

  /// `FILE:LINE: DEVICE: DMA-API: MESSAGE (see lines ...)`: the way dma-debug's `err_printk`
  /// leads with the driver and device, after the trace line.
  public func rendered(fileName: String) -> String {
    let first = lines.first ?? 0
    let more = lines.dropFirst()
    let device = device.map { "\($0): " } ?? ""
    let see =
      more.isEmpty
      ? ""
      : " (see line\(more.count == 1 ? "" : "s") "
        + more.map(String.init).joined(separator: ", ") + ")"
    return "\(fileName):\(first): \(device)\(prefix)\(message)\(see) [\(check.rawValue)]"
  }
}
