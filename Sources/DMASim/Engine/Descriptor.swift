/// A dmaengine transaction descriptor (`struct virt_dma_desc` with its `dma_async_tx_descriptor`).
public struct Descriptor: Hashable, Sendable, Identifiable {
  /// One contiguous piece of a transfer on the memory side.
  public struct Segment: Hashable, Sendable {
    /// Bus address of the memory side.
    public var address: DMAAddr
    /// Length in bytes.
    public var length: UInt64
  }

  /// What the descriptor does.
  public enum Kind: Hashable, Sendable {
    /// A slave transfer between memory segments and a peripheral FIFO.
    case slave
    /// A memory-to-memory copy from the segments to a destination.
    case memcpy(destination: DMAAddr)
    /// A cyclic (ring) transfer with a callback every `period` bytes; it never completes.
    case cyclic(period: UInt64)
    /// A memory-to-memory interleaved transfer: `segments` are the source chunks, walked in
    /// order, and `destination` the matching destination chunks (same total length).
    case interleaved(destination: [Segment])
  }

  /// A stable identity for the simulator (the kernel would use the descriptor's address).
  public var id: Int
  /// Slave, memcpy or cyclic.
  public var kind: Kind = .slave
  /// Periods finished so far (cyclic transfers).
  public var periodsDone = 0
  /// `tx.cookie`: 0 until submitted, the assigned cookie while queued, 0 again once completed.
  public var cookie: Int32 = 0
  /// The cookie `dmaengine_submit` assigned (kept for display after completion clears `cookie`).
  public var assignedCookie: Int32 = 0
  /// `tx.flags`.
  public var flags: DMACtrlFlags
  /// Transfer direction.
  public var direction: DMATransferDirection
  /// The memory-side segments.
  public var segments: [Segment]
  /// The device-side (FIFO) address, from `dmaengine_slave_config`.
  public var deviceAddress: PhysAddr?
  /// Bytes moved so far.
  public var transferred: UInt64 = 0
  /// Whether a completion callback is attached.
  public var hasCallback: Bool
  /// `tx_result.result` once the transfer ends.
  public var result: TransferResult = .noError
  /// The step at which the descriptor was prepared.
  public var preparedAtStep: Int
  /// Bytes moved up to the end of the last finished burst (what a burst-granular residue
  /// register reports).
  public var settled: UInt64 = 0
  /// Bus addresses of the hardware linked-list items the prep wrote, first to last (empty
  /// when the controller has no LLI support).
  public var lliAddresses: [DMAAddr] = []

  /// Total bytes of the transfer.
  public var length: UInt64 { segments.reduce(0) { $0 + $1.length } }
  /// Bytes still to move (the residue); for a cyclic transfer, what is left of the ring's
  /// current lap.
  public var residue: UInt64 {
    let total = length
    guard case .cyclic = kind else { return total > transferred ? total - transferred : 0 }
    return total == 0 ? 0 : total - transferred % total
  }
  /// A short label (`d1`) for narrow views and logs.
  public var label: String { "d\(id)" }
}

/// `enum dmaengine_tx_result`.
public enum TransferResult: Hashable, Sendable {
  /// `DMA_TRANS_NOERROR`.
  case noError
  /// `DMA_TRANS_READ_FAILED`.
  case readFailed
  /// `DMA_TRANS_WRITE_FAILED`.
  case writeFailed
  /// `DMA_TRANS_ABORTED`.
  case aborted

  /// The kernel's name.
  public var kernelName: String {
    switch self {
    case .noError: "DMA_TRANS_NOERROR"
    case .readFailed: "DMA_TRANS_READ_FAILED"
    case .writeFailed: "DMA_TRANS_WRITE_FAILED"
    case .aborted: "DMA_TRANS_ABORTED"
    }
  }
}

/// `enum dma_status`.
public enum DMAStatus: Int, Hashable, Sendable {
  /// `DMA_COMPLETE`.
  case complete = 0
  /// `DMA_IN_PROGRESS`.
  case inProgress = 1
  /// `DMA_PAUSED`.
  case paused = 2
  /// `DMA_ERROR`.
  case error = 3

  /// The kernel's name.
  public var kernelName: String {
    switch self {
    case .complete: "DMA_COMPLETE"
    case .inProgress: "DMA_IN_PROGRESS"
    case .paused: "DMA_PAUSED"
    case .error: "DMA_ERROR"
    }
  }
}
