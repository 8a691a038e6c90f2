/// One line of the event log: what happened, at which step and tick, and who did it.
public struct LogEntry: Hashable, Sendable {
  /// Who produced the event.
  public enum Source: String, Hashable, Sendable, CaseIterable {
    /// A kernel function the driver called (or that the kernel ran on its behalf).
    case kernel
    /// A hardware action: a cache line operation, a DMA beat, a FIFO shift, an interrupt.
    case hardware
    /// A DMA-API debug (dma-debug) or simulator warning about a driver mistake.
    case debug
    /// Lesson narration.
    case narration
  }

  /// The step (1-based) that produced the event.
  public var step: Int
  /// The simulated clock when it happened.
  public var tick: UInt64
  /// Who produced it.
  public var source: Source
  /// The kernel function or hardware action behind it (`dma_map_single`, `dc cvac`, `beat`).
  public var function: String
  /// A human-readable message, in the kernel's words where the kernel has words for it.
  public var message: String
  /// The scenario line that caused it (0 when none).
  public var line: Int
  /// A longer explanation (why it matters, what the kernel would do), if any.
  public var detail: String?
  /// Named addresses the event is about (`phys`, `dma_addr`, `line`, ...), in a fixed order.
  public var addresses: [LogAddress] = []
  /// Typed references to what the event is about (the descriptor, the cache line, the
  /// allocation, ...), in the order the machine attached them.
  public var subjects: [LogSubject] = []

  /// Creates an entry.
  public init(
    step: Int, tick: UInt64, source: Source, function: String, message: String, line: Int,
    detail: String? = nil
  ) {
    self.step = step
    self.tick = tick
    self.source = source
    self.function = function
    self.message = message
    self.line = line
    self.detail = detail
  }

  /// The kernel tracepoint name the event corresponds to, where the kernel has one
  /// (include/trace/events/dma.h), else a short name for the hardware action or function.
  public var kind: String {
    switch function {
    case "dma_map_single": "dma_map_page"
    case "dma_unmap_single": "dma_unmap_page"
    case "dc cvac": "cache_clean"
    case "dc ivac": "cache_invalidate"
    case "dc civac": "cache_clean_invalidate"
    case "str": "cpu_store"
    case "ldr": "cpu_load"
    case "beat": "dma_beat"
    case "shift": "fifo_shift"
    case "irq": "dma_irq"
    case "start": "dma_start"
    default: String(function.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
  }
}

/// A named address attached to a log entry.
public struct LogAddress: Hashable, Sendable {
  /// What an address is.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// A CPU physical address.
    case phys
    /// A bus address (`dma_addr_t`) a device uses.
    case dmaAddr = "dma_addr"
    /// A kernel virtual address.
    case virt
    /// A data cache line address.
    case line
    /// An IO virtual address behind an IOMMU.
    case iova
    /// The original buffer of a swiotlb bounce.
    case orig
    /// The swiotlb slot of a bounce.
    case bounce
    /// The source of a copy.
    case from
    /// The destination of a copy.
    case to
  }

  /// What the address is.
  public var kind: Kind
  /// The address.
  public var value: UInt64

  /// Creates a named address.
  public init(_ kind: Kind, _ value: UInt64) {
    self.kind = kind
    self.value = value
  }

  /// The address's key in `--json` (`phys`, `dma_addr`, `virt`, `line`, ...).
  public var name: String { kind.rawValue }
}
