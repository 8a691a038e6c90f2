/// What the channel-queue panel shows: every DMA controller with its physical channels, the
/// arbiter's queue and its virtual channels (virt-dma lists, cookies, descriptors), and the
/// peripheral FIFOs behind them.
public struct ChannelQueuePanelModel: Hashable, Sendable {
  /// A physical channel's state.
  public enum PhysicalState: Hashable, Sendable {
    /// Nothing to do.
    case idle
    /// Moving data.
    case busy
    /// Waiting for the peripheral's request line (`wait DRQ`).
    case waitingForRequest
    /// Its interrupt is raised and not yet handled.
    case interruptPending
    /// Held by `dmaengine_pause` of the virtual channel it serves (`paused`): no request line
    /// restarts it until `dmaengine_resume`.
    case paused
  }

  /// One physical channel of a controller.
  public struct PhysicalChannel: Hashable, Sendable {
    /// Its number (`ch0`).
    public var index: Int
    /// The name of the virtual channel it serves, nil when idle.
    public var owner: String?
    /// Its state.
    public var state: PhysicalState

    /// Creates a channel.
    public init(index: Int, owner: String? = nil, state: PhysicalState = .idle) {
      self.index = index
      self.owner = owner
      self.state = state
    }
  }

  /// What a descriptor moves, as its box names it.
  public enum Transfer: Hashable, Sendable {
    /// `dmaengine_prep_dma_memcpy`: `M2M`.
    case memcpy
    /// `dmaengine_prep_dma_cyclic`: `CYC`.
    case cyclic
    /// Memory to a device: `M2D`.
    case memToDev
    /// A device to memory: `D2M`.
    case devToMem
    /// Anything else: `D2D`.
    case other

    /// The three letters the box shows.
    var code: String {
      switch self {
      case .memcpy: "M2M"
      case .cyclic: "CYC"
      case .memToDev: "M2D"
      case .devToMem: "D2M"
      case .other: "D2D"
      }
    }
  }

  /// One descriptor.
  public struct Descriptor: Hashable, Sendable {
    /// Its label (`d3`).
    public var label: String
    /// Its cookie once submitted (0: not yet).
    public var cookie: Int
    /// The cookie `dmaengine_submit` would give it again on reuse (0: none).
    public var assignedCookie: Int
    /// What it moves.
    public var transfer: Transfer
    /// Bytes moved so far.
    public var transferred: UInt64
    /// Bytes in all.
    public var length: UInt64

    /// Creates a descriptor.
    public init(
      label: String, cookie: Int = 0, assignedCookie: Int = 0, transfer: Transfer = .memToDev,
      transferred: UInt64 = 0, length: UInt64
    ) {
      self.label = label
      self.cookie = cookie
      self.assignedCookie = assignedCookie
      self.transfer = transfer
      self.transferred = transferred
      self.length = length
    }

    /// Bytes into the current pass, what a gauge shows: a cyclic ring's count of all bytes
    /// moved, taken modulo its length; any other descriptor's count as it is.
    public var progress: UInt64 {
      transfer == .cyclic ? transferred % max(1, length) : transferred
    }
  }

  /// One virtual channel and its virt-dma lists (descriptor ids, oldest first).
  public struct Channel: Hashable, Sendable {
    /// Its name (`dma0chan1`).
    public var name: String
    /// The last cookie assigned.
    public var cookie: Int
    /// The last cookie completed.
    public var completedCookie: Int
    /// The client that requested it, nil when free.
    public var client: String?
    /// Whether `dmaengine_pause` holds it.
    public var paused: Bool
    /// `desc_allocated`.
    public var allocated: [Int]
    /// `desc_submitted`.
    public var submitted: [Int]
    /// `desc_issued`.
    public var issued: [Int]
    /// `desc_completed`.
    public var completed: [Int]
    /// `desc_terminated`.
    public var terminated: [Int]
    /// The descriptor the hardware works on.
    public var active: Int?
    /// The descriptors by id.
    public var descriptors: [Int: Descriptor]
    /// Whether the completion tasklet is scheduled.
    public var taskletScheduled: Bool
    /// Cyclic period callbacks pending.
    public var periodCallbacks: Int
    /// The peripheral it serves.
    public var peripheral: String?

    /// Creates a channel.
    public init(
      name: String, cookie: Int = 1, completedCookie: Int = 1, client: String? = nil,
      paused: Bool = false, allocated: [Int] = [], submitted: [Int] = [], issued: [Int] = [],
      completed: [Int] = [], terminated: [Int] = [], active: Int? = nil,
      descriptors: [Int: Descriptor] = [:], taskletScheduled: Bool = false,
      periodCallbacks: Int = 0, peripheral: String? = nil
    ) {
      self.name = name
      self.cookie = cookie
      self.completedCookie = completedCookie
      self.client = client
      self.paused = paused
      self.allocated = allocated
      self.submitted = submitted
      self.issued = issued
      self.completed = completed
      self.terminated = terminated
      self.active = active
      self.descriptors = descriptors
      self.taskletScheduled = taskletScheduled
      self.periodCallbacks = periodCallbacks
      self.peripheral = peripheral
    }
  }

  /// One DMA controller.
  public struct Controller: Hashable, Sendable {
    /// Its name.
    public var name: String
    /// Its physical channels.
    public var physicalChannels: [PhysicalChannel]
    /// The virtual channels waiting for a physical one (indices into `channels`).
    public var waiting: [Int]
    /// Its virtual channels.
    public var channels: [Channel]

    /// Creates a controller.
    public init(
      name: String, physicalChannels: [PhysicalChannel], waiting: [Int] = [], channels: [Channel]
    ) {
      self.name = name
      self.physicalChannels = physicalChannels
      self.waiting = waiting
      self.channels = channels
    }
  }

  /// One FIFO of a peripheral.
  public struct FIFO: Hashable, Sendable {
    /// Whether its request line (DRQ) is asserted.
    public var requestAsserted: Bool
    /// Bytes in it.
    public var fill: Int
    /// Its depth.
    public var depth: Int
    /// TX: the newest bytes sent on the wire (at most 1024); RX: the bytes still to arrive.
    public var bytes: [UInt8]
    /// TX: bytes sent on the wire in all.
    public var count: Int

    /// Creates a FIFO.
    public init(
      requestAsserted: Bool, fill: Int, depth: Int, bytes: [UInt8] = [], count: Int = 0
    ) {
      self.requestAsserted = requestAsserted
      self.fill = fill
      self.depth = depth
      self.bytes = bytes
      self.count = count
    }
  }

  /// A bus-master NIC's TX side: its ring and the frames it put on the wire.
  public struct NIC: Hashable, Sendable {
    /// The TX ring's bus address, once the driver programmed it.
    public var ringBase: UInt64?
    /// The next TX entry the NIC looks at.
    public var head: Int
    /// Whether the NIC is walking its ring.
    public var busy: Bool
    /// The newest bytes sent on the wire (at most 1024).
    public var bytes: [UInt8]
    /// Bytes sent on the wire in all.
    public var count: Int

    /// Creates a NIC's view.
    public init(
      ringBase: UInt64?, head: Int, busy: Bool, bytes: [UInt8], count: Int
    ) {
      self.ringBase = ringBase
      self.head = head
      self.busy = busy
      self.bytes = bytes
      self.count = count
    }
  }

  /// A peripheral with a TX or RX FIFO, or a NIC walking its own ring.
  public struct Peripheral: Hashable, Sendable {
    /// Its name.
    public var name: String
    /// Its TX FIFO.
    public var tx: FIFO?
    /// Its RX FIFO.
    public var rx: FIFO?
    /// Its NIC side (a bus master: no channel serves it).
    public var nic: NIC?

    /// Creates a peripheral.
    public init(name: String, tx: FIFO? = nil, rx: FIFO? = nil, nic: NIC? = nil) {
      self.name = name
      self.tx = tx
      self.rx = rx
      self.nic = nic
    }

    /// Whether anything moved through it yet (bytes on a wire or in a FIFO, frames sent).
    public var isActive: Bool {
      (tx.map { $0.count > 0 || $0.fill > 0 } ?? false)
        || (rx.map { $0.fill > 0 || !$0.bytes.isEmpty } ?? false)
        || (nic.map { $0.count > 0 || $0.busy } ?? false)
    }
  }

  /// The controllers, in the machine's order.
  public var controllers: [Controller]
  /// The peripherals with a FIFO, and the NICs.
  public var peripherals: [Peripheral]
  /// The descriptor to highlight (found with `/`), nil for none.
  public var selected: DescriptorSelection?

  /// Creates a model.
  public init(
    controllers: [Controller], peripherals: [Peripheral] = [],
    selected: DescriptorSelection? = nil
  ) {
    self.controllers = controllers
    self.peripherals = peripherals
    self.selected = selected
  }
}
