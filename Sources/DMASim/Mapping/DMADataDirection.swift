/// `enum dma_data_direction` from include/linux/dma-direction.h: the direction of a streaming mapping.
public enum DMADataDirection: Int, Hashable, Sendable, CaseIterable {
  /// `DMA_BIDIRECTIONAL` (0): the device may read and write the buffer.
  case bidirectional = 0
  /// `DMA_TO_DEVICE` (1): the device reads what the CPU wrote.
  case toDevice = 1
  /// `DMA_FROM_DEVICE` (2): the device writes, the CPU reads afterwards.
  case fromDevice = 2
  /// `DMA_NONE` (3): no direction; only valid for debugging.
  case none = 3

  /// The kernel's name for the direction, as dma-debug prints it.
  public var kernelName: String {
    switch self {
    case .bidirectional: "DMA_BIDIRECTIONAL"
    case .toDevice: "DMA_TO_DEVICE"
    case .fromDevice: "DMA_FROM_DEVICE"
    case .none: "DMA_NONE"
    }
  }

  /// Finds a direction by its kernel name.
  public init?(kernelName: String) {
    guard let found = Self.allCases.first(where: { $0.kernelName == kernelName }) else {
      return nil
    }
    self = found
  }
}

/// `enum dma_transfer_direction` from include/linux/dmaengine.h: the direction of a dmaengine transfer.
public enum DMATransferDirection: Int, Hashable, Sendable, CaseIterable {
  /// `DMA_MEM_TO_MEM` (0).
  case memToMem = 0
  /// `DMA_MEM_TO_DEV` (1).
  case memToDev = 1
  /// `DMA_DEV_TO_MEM` (2).
  case devToMem = 2
  /// `DMA_DEV_TO_DEV` (3).
  case devToDev = 3

  /// The kernel's constant name.
  public var kernelName: String {
    switch self {
    case .memToMem: "DMA_MEM_TO_MEM"
    case .memToDev: "DMA_MEM_TO_DEV"
    case .devToMem: "DMA_DEV_TO_MEM"
    case .devToDev: "DMA_DEV_TO_DEV"
    }
  }

  /// `dmaengine_get_direction_text()`: the short name without the prefix.
  public var text: String {
    switch self {
    case .memToMem: "MEM_TO_MEM"
    case .memToDev: "MEM_TO_DEV"
    case .devToMem: "DEV_TO_MEM"
    case .devToDev: "DEV_TO_DEV"
    }
  }

  /// Finds a direction by its kernel constant name.
  public init?(kernelName: String) {
    guard let found = Self.allCases.first(where: { $0.kernelName == kernelName }) else {
      return nil
    }
    self = found
  }
}

/// `enum dma_ctrl_flags` from include/linux/dmaengine.h (the bits the simulator models).
public struct DMACtrlFlags: OptionSet, Hashable, Sendable {
  /// The flag bits.
  public var rawValue: UInt32
  /// Wraps flag bits.
  public init(rawValue: UInt32) { self.rawValue = rawValue }
  /// `DMA_PREP_INTERRUPT` (bit 0): raise an interrupt and run the callback on completion.
  public static let prepInterrupt = DMACtrlFlags(rawValue: 1 << 0)
  /// `DMA_CTRL_ACK` (bit 1): ignored by virt-dma.
  public static let ctrlAck = DMACtrlFlags(rawValue: 1 << 1)
  /// `DMA_PREP_FENCE` (bit 5).
  public static let prepFence = DMACtrlFlags(rawValue: 1 << 5)
  /// `DMA_CTRL_REUSE` (bit 6): the descriptor returns to `desc_allocated` after completion.
  public static let ctrlReuse = DMACtrlFlags(rawValue: 1 << 6)

  /// Every named flag with its kernel name, in bit order.
  public static let named: [(name: String, flag: DMACtrlFlags)] = [
    ("DMA_PREP_INTERRUPT", .prepInterrupt), ("DMA_CTRL_ACK", .ctrlAck),
    ("DMA_PREP_FENCE", .prepFence), ("DMA_CTRL_REUSE", .ctrlReuse),
  ]

  /// The flags joined with `|`, or `0`.
  public var kernelText: String {
    let names = Self.named.filter { contains($0.flag) }.map(\.name)
    return names.isEmpty ? "0" : names.joined(separator: "|")
  }
}
