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
  /// Bytes waiting in the receive FIFO, oldest first.
  public var rxFIFO: [UInt8] = []
  /// Bytes still to arrive on the receive wire.
  public var rxPending: [UInt8] = []
  /// Whether a receive shift-in is scheduled.
  public var receiving = false
  /// Bytes lost because the receive FIFO was full (overruns).
  public var overruns = 0
  /// Times the transmit FIFO ran empty while a cyclic transfer fed it (underruns).
  public var underruns = 0

  /// The medium of a block device.
  public var medium: BlockMedium?
  /// The rings of a NIC.
  public var nic: NICState?

  /// Creates an idle peripheral.
  public init(spec: DeviceSpec) {
    self.spec = spec
    medium = spec.block.map { BlockMedium(spec: $0) }
    nic = spec.nic.map { _ in NICState() }
  }

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

  /// Whether the RX request line is asserted: a burst's worth of data waits, or the wire has
  /// gone quiet with data left in the FIFO (the peripheral's timeout flush).
  public var rxRequestAsserted: Bool {
    guard let rx = spec.rxFIFO, !rxFIFO.isEmpty else { return false }
    return rxFIFO.count >= rx.requestThreshold || (rxPending.isEmpty && !receiving)
  }

  /// Whether the TX request line (DRQ) is asserted: enough room for one more burst.
  public var requestAsserted: Bool {
    guard let fifoSpec = spec.fifo else { return false }
    return freeSpace >= fifoSpec.requestThreshold
  }
}
