/// A virt-dma channel (`struct virt_dma_chan`): the five descriptor lists and the cookies.
public struct VirtualChannel: Hashable, Sendable {
  /// The channel's name (`dma0chan0`).
  public var name: String
  /// The client that requested it (`spi0:tx`), nil while free.
  public var client: String?
  /// The DMA request line (DRQ) the channel serves; nil for a memcpy channel.
  public var requestLine: Int?
  /// The device whose FIFO the channel feeds or drains.
  public var peripheral: String?
  /// `chan->cookie`: the last cookie handed out.
  public var cookie: Int32 = 1
  /// `chan->completed_cookie`: the last cookie completed.
  public var completedCookie: Int32 = 1
  /// `desc_allocated`.
  public var allocated: [Int] = []
  /// `desc_submitted`.
  public var submitted: [Int] = []
  /// `desc_issued`.
  public var issued: [Int] = []
  /// `desc_completed`.
  public var completed: [Int] = []
  /// `desc_terminated`.
  public var terminated: [Int] = []
  /// The descriptor the driver took off `desc_issued` and gave to the hardware (off-list).
  public var active: Int?
  /// The physical channel currently bound to this virtual channel.
  public var physicalChannel: Int?
  /// Whether the completion tasklet is scheduled.
  public var taskletScheduled = false
  /// `vc->cyclic`: the cyclic descriptor whose period callback is pending.
  public var cyclic: Int?
  /// Whether `dmaengine_pause` stopped the channel.
  public var paused = false
  /// Period callbacks run so far (cyclic transfers).
  public var periodCallbacks = 0
  /// Callbacks `vchan_complete` has run on this channel: descriptor callbacks and cyclic
  /// period callbacks (what `callbacks(chan)` in an `expect` reads).
  public var callbacksRun = 0
  /// The slave configuration set by `dmaengine_slave_config`.
  public var config: SlaveConfig?
  /// Every live descriptor by id.
  public var descriptors: [Int: Descriptor] = [:]

  /// Creates an idle channel.
  public init(name: String, requestLine: Int?) {
    self.name = name
    self.requestLine = requestLine
  }

  /// The list a descriptor sits on, or `active`, or nil if it is gone.
  public func place(of id: Int) -> DescriptorPlace? {
    if active == id { return .active }
    if allocated.contains(id) { return .allocated }
    if submitted.contains(id) { return .submitted }
    if issued.contains(id) { return .issued }
    if completed.contains(id) { return .completed }
    if terminated.contains(id) { return .terminated }
    return nil
  }

  /// `dma_cookie_status`: the status of a cookie from the channel's two counters.
  public func cookieStatus(_ cookie: Int32) -> DMAStatus {
    Cookie.status(of: cookie, lastComplete: completedCookie, lastUsed: self.cookie)
  }

  /// Removes a descriptor id from whichever list holds it.
  mutating func unlink(_ id: Int) {
    allocated.removeAll { $0 == id }
    submitted.removeAll { $0 == id }
    issued.removeAll { $0 == id }
    completed.removeAll { $0 == id }
    terminated.removeAll { $0 == id }
    if active == id { active = nil }
  }
}

/// Where a descriptor is in its life.
public enum DescriptorPlace: String, Hashable, Sendable, CaseIterable {
  /// On `desc_allocated`: prepared, not yet submitted.
  case allocated
  /// On `desc_submitted`: has a cookie, waits for `issue_pending`.
  case submitted
  /// On `desc_issued`: queued for the hardware.
  case issued
  /// Programmed into the hardware (off every list).
  case active
  /// On `desc_completed`: done, callback not yet run.
  case completed
  /// On `desc_terminated`: stopped, waits for `dmaengine_synchronize`.
  case terminated

  /// The kernel's list name.
  public var listName: String {
    switch self {
    case .active: "active"
    default: "desc_\(rawValue)"
    }
  }
}

/// `struct dma_slave_config` (the fields the simulator models).
public struct SlaveConfig: Hashable, Sendable {
  /// Device FIFO address for DEV_TO_MEM.
  public var srcAddress: PhysAddr?
  /// Device FIFO address for MEM_TO_DEV.
  public var dstAddress: PhysAddr?
  /// `src_addr_width` in bytes.
  public var srcAddrWidth: Int
  /// `dst_addr_width` in bytes.
  public var dstAddrWidth: Int
  /// `src_maxburst` in words of the width.
  public var srcMaxBurst: Int
  /// `dst_maxburst` in words of the width.
  public var dstMaxBurst: Int

  /// Creates a configuration.
  public init(
    srcAddress: PhysAddr? = nil, dstAddress: PhysAddr? = nil, srcAddrWidth: Int = 0,
    dstAddrWidth: Int = 0, srcMaxBurst: Int = 0, dstMaxBurst: Int = 0
  ) {
    self.srcAddress = srcAddress
    self.dstAddress = dstAddress
    self.srcAddrWidth = srcAddrWidth
    self.dstAddrWidth = dstAddrWidth
    self.srcMaxBurst = srcMaxBurst
    self.dstMaxBurst = dstMaxBurst
  }
}
