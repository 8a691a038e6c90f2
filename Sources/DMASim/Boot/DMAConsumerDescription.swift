/// One `dmas` entry with its `dma-names` name.
public struct DMAChannelSpecifier: Hashable, Sendable {
  /// The `dma-names` entry (empty when missing).
  public var name: String
  /// The controller's path (empty when the phandle does not resolve).
  public var controller: String
  /// The specifier cells after the phandle.
  public var arguments: [UInt32]

  /// Creates a specifier.
  public init(name: String, controller: String, arguments: [UInt32]) {
    self.name = name
    self.controller = controller
    self.arguments = arguments
  }
}

/// One window of a bus's `dma-ranges`, with the CPU address it maps to.
public struct DMAWindow: Hashable, Sendable {
  /// Address the device puts on its bus.
  public var busAddress: UInt64
  /// The CPU physical address it reaches.
  public var cpuAddress: UInt64
  /// Length in bytes.
  public var size: UInt64

  /// Creates a window.
  public init(busAddress: UInt64, cpuAddress: UInt64, size: UInt64) {
    self.busAddress = busAddress
    self.cpuAddress = cpuAddress
    self.size = size
  }
}

/// A device that uses DMA.
public struct DMAConsumerDescription: Hashable, Sendable {
  /// The node's path.
  public var node: String
  /// The first `compatible` string.
  public var compatible: String
  /// `dmas` with `dma-names`.
  public var channels: [DMAChannelSpecifier]
  /// `memory-region` targets (paths).
  public var memoryRegions: [String]
  /// `iommus` targets (paths).
  public var iommus: [String]
  /// `dma-coherent`.
  public var coherent: Bool
  /// The `dma-ranges` of the nearest bus that has them; nil when none (identity).
  public var dmaWindows: [DMAWindow]?

  /// Creates a consumer description.
  public init(
    node: String, compatible: String, channels: [DMAChannelSpecifier], memoryRegions: [String],
    iommus: [String], coherent: Bool, dmaWindows: [DMAWindow]?
  ) {
    self.node = node
    self.compatible = compatible
    self.channels = channels
    self.memoryRegions = memoryRegions
    self.iommus = iommus
    self.coherent = coherent
    self.dmaWindows = dmaWindows
  }

  /// The highest CPU address the device can reach through its windows, nil when unlimited.
  public var busLimit: UInt64? {
    guard let windows = dmaWindows, !windows.isEmpty else { return nil }
    return windows.map { $0.cpuAddress &+ $0.size &- 1 }.max()
  }
}
