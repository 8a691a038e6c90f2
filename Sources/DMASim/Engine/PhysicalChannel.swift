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
  /// The linked-list item the channel is working through (LLI controllers only).
  public var lli: LinkedListItem?
  /// Bytes of `lli` moved so far.
  public var lliMoved: UInt64 = 0
  /// Linked-list items fetched since reset.
  public var lliFetches = 0
  /// Interrupts raised since reset (completion and per-segment).
  public var interrupts = 0
  /// Memory-side writes that left the channel but have not reached RAM yet, oldest first.
  public var postedWrites: [PostedWrite] = []
  /// Why the channel waits for its posted writes to land, if it does.
  public var draining: Drain?

  /// Creates an idle channel.
  public init(index: Int) { self.index = index }
}

/// A memory write on its way from a channel to RAM.
public struct PostedWrite: Hashable, Sendable {
  /// When it lands.
  public var tick: UInt64
  /// Where it goes.
  public var address: PhysAddr
  /// What it writes.
  public var bytes: [UInt8]
  /// Whether the target device snoops (a coherent write also updates cached copies).
  public var coherent: Bool
}

/// What a channel does once its posted writes have landed.
public enum Drain: Hashable, Sendable {
  /// Raise the completion interrupt (write responses are back).
  case interrupt
  /// `DMA_PREP_FENCE`: only then follow the link to the next descriptor.
  case fence
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
  /// Whether the hardware walks linked-list items (LLIs) in memory for scatter-gather; without
  /// them the driver's interrupt handler reprograms the channel for every segment.
  public var hardwareLLI: Bool
  /// Ticks between a memory-side write leaving the channel and landing in RAM (0: at once).
  /// The channel's completion interrupt waits for them; `DMA_PREP_FENCE` makes the next
  /// descriptor wait for them too.
  public var postedWriteTicks: Int

  /// Creates a capability set.
  public init(
    transactionTypes: [String], addressWidths: [Int], maxBurst: Int,
    residueGranularity: ResidueGranularity, descriptorReuse: Bool, hardwareLLI: Bool = false,
    postedWriteTicks: Int = 0
  ) {
    self.transactionTypes = transactionTypes
    self.addressWidths = addressWidths
    self.maxBurst = maxBurst
    self.residueGranularity = residueGranularity
    self.descriptorReuse = descriptorReuse
    self.hardwareLLI = hardwareLLI
    self.postedWriteTicks = postedWriteTicks
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
