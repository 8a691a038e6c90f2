/// `enum dma_data_direction` as include/trace/events/dma.h prints it
/// (`decode_dma_data_direction`).
public enum TraceDirection: String, Hashable, Sendable, CaseIterable {
  /// `DMA_BIDIRECTIONAL`.
  case bidirectional = "BIDIRECTIONAL"
  /// `DMA_TO_DEVICE`.
  case toDevice = "TO_DEVICE"
  /// `DMA_FROM_DEVICE`.
  case fromDevice = "FROM_DEVICE"
  /// `DMA_NONE`.
  case none = "NONE"

  /// The kernel's `DMA_...` name, as kernel/dma/debug.c's `dir2name` prints it.
  public var kernelName: String {
    switch self {
    case .bidirectional: "DMA_BIDIRECTIONAL"
    case .toDevice: "DMA_TO_DEVICE"
    case .fromDevice: "DMA_FROM_DEVICE"
    case .none: "DMA_NONE"
    }
  }
}
