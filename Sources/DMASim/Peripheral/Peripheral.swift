/// A peripheral's run-time state: its FIFO, its request line and what it has sent.
public struct Peripheral: Hashable, Sendable {
  /// The board description.
  public let spec: DeviceSpec
  /// Bytes waiting in the FIFO, oldest first.
  public var fifo: [UInt8] = []
  /// The newest bytes the peripheral shifted out onto its wire (at most `outputWindow`).
  public private(set) var output: [UInt8] = []
  /// How many bytes it has shifted out since reset.
  public private(set) var outputCount = 0
  /// How many of the newest output bytes are kept.
  public static let outputWindow = 4096
  /// Whether a shift-out is scheduled.
  public var shifting = false

  /// Creates an idle peripheral.
  public init(spec: DeviceSpec) { self.spec = spec }

  /// The device name.
  public var name: String { spec.name }

  /// Free bytes in the FIFO.
  public var freeSpace: Int { (spec.fifo?.depth ?? 0) - fifo.count }

  /// Records bytes shifted out onto the wire, keeping only the newest window.
  public mutating func emit(_ bytes: [UInt8]) {
    output += bytes
    outputCount += bytes.count
    if output.count > Self.outputWindow { output.removeFirst(output.count - Self.outputWindow) }
  }

  /// Whether the TX request line (DRQ) is asserted: enough room for one more burst.
  public var requestAsserted: Bool {
    guard let fifoSpec = spec.fifo else { return false }
    return freeSpace >= fifoSpec.requestThreshold
  }
}
