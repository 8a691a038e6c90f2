/// A peripheral's run-time state: its FIFO, its request line and what it has sent.
public struct Peripheral: Hashable, Sendable {
  /// The board description.
  public let spec: DeviceSpec
  /// Bytes waiting in the FIFO, oldest first.
  public var fifo: [UInt8] = []
  /// Every byte the peripheral has shifted out onto its wire, oldest first.
  public var output: [UInt8] = []
  /// Whether a shift-out is scheduled.
  public var shifting = false

  /// Creates an idle peripheral.
  public init(spec: DeviceSpec) { self.spec = spec }

  /// The device name.
  public var name: String { spec.name }

  /// Free bytes in the FIFO.
  public var freeSpace: Int { (spec.fifo?.depth ?? 0) - fifo.count }

  /// Whether the TX request line (DRQ) is asserted: enough room for one more burst.
  public var requestAsserted: Bool {
    guard let fifoSpec = spec.fifo else { return false }
    return freeSpace >= fifoSpec.requestThreshold
  }
}
