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
}
