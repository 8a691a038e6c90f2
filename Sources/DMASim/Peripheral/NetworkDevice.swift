/// A NIC with TX and RX descriptor rings in coherent memory.
///
/// Each ring entry is 16 bytes, four little-endian 32-bit words: buffer address, buffer
/// length, reserved, and status with `OWN` in bit 31 (set by the driver to hand the entry to
/// the NIC, cleared by the NIC when it is done; the NIC writes the bytes it moved into bits
/// 0–15). The NIC walks a ring from its head while it owns the entries, like stmmac's DMA.
public struct NICSpec: Hashable, Sendable {
  /// Entries per ring.
  public var ringEntries: Int
  /// Bytes the NIC moves per bus burst.
  public var burstBytes: Int

  /// Creates a NIC description.
  public init(ringEntries: Int = 4, burstBytes: Int = 16) {
    self.ringEntries = ringEntries
    self.burstBytes = burstBytes
  }

  /// Bytes per ring entry.
  public static let entrySize = 16
  /// The ownership bit of the status word.
  public static let own: UInt32 = 1 << 31
}

/// The NIC registers a driver writes with `writel`.
public enum DeviceRegister: String, Hashable, Sendable, CaseIterable {
  /// Bus address of the TX ring.
  case txRingBase = "ETH_TX_RING_BASE"
  /// TX poll demand: the NIC (re)reads the TX ring from its head.
  case txDoorbell = "ETH_TX_DOORBELL"
  /// Bus address of the RX ring.
  case rxRingBase = "ETH_RX_RING_BASE"
  /// RX poll demand: the NIC may use the RX ring's entries it owns.
  case rxDoorbell = "ETH_RX_DOORBELL"

  /// The register's name as a driver's header spells it.
  public var kernelName: String { rawValue }
}

/// Which ring.
public enum RingKind: String, Hashable, Sendable {
  /// Transmit.
  case tx = "TX"
  /// Receive.
  case rx = "RX"
}

/// The NIC's run-time state.
public struct NICState: Hashable, Sendable {
  /// TX ring bus address, once programmed.
  public var txRingBase: UInt64?
  /// RX ring bus address, once programmed.
  public var rxRingBase: UInt64?
  /// Next TX entry the NIC looks at.
  public var txHead = 0
  /// Next RX entry the NIC looks at.
  public var rxHead = 0
  /// Whether a TX doorbell asked the NIC to look at the TX ring.
  public var txKicked = false
  /// Frames waiting on the wire for an RX entry, oldest first.
  public var rxFrames: [[UInt8]] = []
  /// The entry being worked on: ring, index, its words and bytes moved.
  public var job: Job?
  /// Whether a NIC event is scheduled.
  public var running = false
  /// Frames sent on the wire, oldest first.
  public var sent: [[UInt8]] = []
  /// Interrupts raised.
  public var interrupts = 0

  /// One ring entry in progress.
  public struct Job: Hashable, Sendable {
    /// The ring.
    public var ring: RingKind
    /// Entry index.
    public var index: Int
    /// The entry's words as the NIC read them.
    public var item: [UInt32]
    /// Bytes moved so far.
    public var moved: Int
    /// The frame being assembled (TX) or delivered (RX).
    public var frame: [UInt8]
  }

  /// Creates an idle NIC.
  public init() {}
}
