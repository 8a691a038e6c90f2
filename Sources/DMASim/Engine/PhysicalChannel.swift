/// One hardware channel of a DMA controller, time-shared among virtual channels.
public struct PhysicalChannel: Hashable, Sendable {
  /// What the channel's state machine is doing.
  public enum State: Hashable, Sendable {
    /// No descriptor programmed.
    case idle
    /// Moving beats of a burst.
    case busy
    /// Waiting for the peripheral to raise its request line.
    case waitingForRequest
    /// All beats moved; the completion interrupt is pending.
    case interruptPending
  }

  /// Channel number within the controller.
  public var index: Int
  /// The virtual channel bound to it.
  public var virtualChannel: Int?
  /// State machine position.
  public var state: State = .idle
  /// Beats left in the current burst.
  public var beatsLeftInBurst = 0
  /// Total beats moved since reset (for statistics).
  public var beatsMoved = 0

  /// Creates an idle channel.
  public init(index: Int) { self.index = index }
}

/// Capabilities of a DMA controller (the `dma_device` fields `dma_get_slave_caps` reports).
public struct DMACapabilities: Hashable, Sendable {
  /// Supported transaction types (`cap_mask`).
  public var transactionTypes: [String]
  /// Bus widths in bytes the controller can use on either side.
  public var addressWidths: [Int]
  /// `max_burst` in words.
  public var maxBurst: Int
  /// `residue_granularity`.
  public var residueGranularity: ResidueGranularity
  /// `descriptor_reuse`.
  public var descriptorReuse: Bool

  /// Creates a capability set.
  public init(
    transactionTypes: [String], addressWidths: [Int], maxBurst: Int,
    residueGranularity: ResidueGranularity, descriptorReuse: Bool
  ) {
    self.transactionTypes = transactionTypes
    self.addressWidths = addressWidths
    self.maxBurst = maxBurst
    self.residueGranularity = residueGranularity
    self.descriptorReuse = descriptorReuse
  }
}

/// `enum dma_residue_granularity`.
public enum ResidueGranularity: Hashable, Sendable {
  /// `DMA_RESIDUE_GRANULARITY_DESCRIPTOR`: residue is only ever the whole length or 0.
  case descriptor
  /// `DMA_RESIDUE_GRANULARITY_SEGMENT`: updated per completed segment.
  case segment
  /// `DMA_RESIDUE_GRANULARITY_BURST`: updated per burst.
  case burst
}
