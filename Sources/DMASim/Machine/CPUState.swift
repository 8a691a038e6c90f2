/// The simulated CPU running the scenario's driver code.
public struct CPUState: Hashable, Sendable {
  /// Why the CPU is not running.
  public enum Wait: Hashable, Sendable {
    /// Sleeping in `wait_for_completion` until the callback of this cookie runs.
    case completion(Int32)
    /// Idling until this tick (`run N ticks`).
    case ticks(until: UInt64)
    /// Polling `dma_async_is_tx_complete` until the cookie completes (`run until complete`),
    /// giving up at the deadline tick.
    case status(Int32, deadline: UInt64)
    /// Idling until no hardware event is pending (`run until idle`), giving up at the deadline.
    case idle(deadline: UInt64)
  }

  /// The narration of the latest `say`.
  public internal(set) var narration: String?
  /// Every `expect` the program has reached, in order.
  public internal(set) var expectationResults: [ExpectationResult] = []
  /// The `ask` actions the program has reached (action indices), in order.
  public internal(set) var askedQuestions: [Int] = []
  /// The index of the next action to fetch.
  public internal(set) var programCounter = 0
  /// The action being executed, if any.
  public internal(set) var currentAction: Int?
  /// Scenario variables.
  public internal(set) var variables: [String: Value] = [:]
  /// Why the CPU is blocked, if it is.
  public internal(set) var waiting: Wait?
  /// Whether the whole program has run.
  public internal(set) var finished = false
  /// Cookies whose completion callbacks have run.
  public internal(set) var completions: [Int32] = []
  /// The channel (controller, virtual channel) whose `dmaengine_submit` set each cookie
  /// variable, so a wait matches the callback of that channel's cookie, not another channel's
  /// cookie with the same number.
  var cookieChannels: [String: [Int]] = [:]
  /// Cookies whose callbacks ran, per channel (`[controller, channel, cookie]`).
  var channelCompletions: [[Int]] = []
  /// The channel a `wait_for_completion` sleeps on, if known.
  var waitingChannel: [Int]?
  /// Whether the current action returned in this CPU event (its last piece ran), so the
  /// statements that cost no step after it run at the end of the step.
  var actionReturned = false
  /// Micro-operations left of the current action.
  var pending = MicroQueue()
  /// Bytes loaded so far by the current `cpu_read`.
  var readBuffer = ReadBuffer()

  /// Whether the current action still has micro-operations to run.
  public var isInsideAction: Bool { !pending.isEmpty }
}

/// The pieces a kernel call breaks into, one per step.
enum MicroOp: Hashable, Sendable {
  /// A CPU store of bytes within one cache line.
  case store(VirtAddr, PhysAddr, [UInt8], MemoryType)
  /// CPU stores of zeros over a physically contiguous range (`kzalloc`'s memset), one cache
  /// line per step. It stays one queue entry, handing out a line at a time, so a 4 MiB buffer
  /// under a 4-byte line costs one entry instead of a million queued stores.
  case zeroRun(VirtAddr, PhysAddr, count: UInt64, MemoryType)
  /// `cpu_write`'s stores of `bytes` from `offset` on, one cache line per step, handed out a
  /// line at a time like `zeroRun` (the bytes are shared, not copied per line).
  case storeRun(VirtAddr, PhysAddr, [UInt8], offset: Int, MemoryType)
  /// `cpu_read`'s loads of `count` bytes, one cache line per step, handed out a line at a time.
  case loadRun(VirtAddr, PhysAddr, count: UInt64, MemoryType)
  /// A CPU load of bytes within one cache line.
  case load(VirtAddr, PhysAddr, Int, MemoryType)
  /// A cache maintenance instruction on one line.
  case maintain(CacheOperation, PhysAddr)
  /// The same maintenance instruction on every line of a range (block granularity).
  case maintainRange(CacheOperation, PhysAddr, Int)
  /// The end of `cpu_read`: report and store what was read.
  case finishRead(VirtAddr, String?)
  /// The end of `dma_map_single`: record the mapping and return the handle.
  case finishMap(StreamingMapping, String?)
  /// The driver's start routine inside `issue_pending`: program the hardware.
  case startTransfer(controller: Int, channel: Int)
  /// The end of `dma_alloc_coherent`: zero the buffer through its mapping and return it.
  case finishAllocCoherent(Allocation, DMAAddr, String?, String, device: String)
  /// The end of `dma_map_sg`: record the mapped entries and return their count.
  case finishMapSG(table: Int, device: String, count: Int, direction: DMADataDirection, String?)
  /// The end of `dma_unmap_sg`: dma-debug's checks, then forget the bus addresses.
  case finishUnmapSG(table: Int, device: String, count: Int, direction: DMADataDirection)
  /// dma-debug's `check_sync` per segment after `dma_sync_sg_for_*`.
  case finishSyncSG(
    forCPU: Bool, table: Int, device: String, count: Int, direction: DMADataDirection)
  /// The end of `dma_unmap_single`: dma-debug's checks, then drop the mapping.
  case finishUnmap(String, DMAAddr, UInt64, DMADataDirection)
  /// The end of a `dma_sync_single_for_*`: dma-debug's checks and the ownership change.
  case finishSync(forCPU: Bool, String, DMAAddr, UInt64, DMADataDirection)
  /// A dma-iommu piece after the maintenance (IOVA allocation, `iommu_map`, unmap).
  case iommu(IOMMUStep)
  // swiotlb.
  /// `swiotlb_bounce`: the CPU copies bytes within one cache line on each side.
  case bounceCopy(from: PhysAddr, to: PhysAddr, count: Int)
  /// The end of `dma_pool_alloc`: a new chunk (zeroed) joins the pool, then a block is popped.
  case finishPoolAlloc(
    pool: Int, chunk: LiveDMAPool.Chunk?, result: String?, handle: String, zero: Bool)
}

extension MicroOp {
  /// Whether the piece runs in the same step as the call that queued it (the first memory
  /// access or cache operation of a call does; returns and hardware starts get their own step).
  var runsWithCall: Bool {
    switch self {
    case .store, .zeroRun, .storeRun, .load, .loadRun, .maintain, .maintainRange, .bounceCopy:
      true
    default: false
    }
  }
}

/// A cache maintenance instruction by virtual address to the point of coherency.
public enum CacheOperation: Hashable, Sendable {
  /// `dc cvac`.
  case clean
  /// `dc ivac`.
  case invalidate
  /// `dc civac`.
  case cleanInvalidate

  /// The arm64 instruction.
  public var instruction: String {
    switch self {
    case .clean: "dc cvac"
    case .invalidate: "dc ivac"
    case .cleanInvalidate: "dc civac"
    }
  }
}
