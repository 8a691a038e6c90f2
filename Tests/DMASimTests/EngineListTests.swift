import Testing

@testable import DMASim

/// The virt-dma lists and cookies of one controller, built alone: no machine, no board file,
/// no scenario text. Each step is a routine of drivers/dma/virt-dma.h (v6.16).
@Suite struct EngineListTests {
  static let spec = ControllerSpec(
    name: "dma0", compatible: "test,dma", physicalChannels: 1, requestLines: [3],
    memcpyChannels: 1,
    capabilities: DMACapabilities(
      transactionTypes: ["DMA_SLAVE", "DMA_MEMCPY"], addressWidths: [1, 2, 4], maxBurst: 8,
      residueGranularity: .burst, descriptorReuse: true))

  static func descriptor(_ id: Int, flags: DMACtrlFlags = .prepInterrupt) -> Descriptor {
    Descriptor(
      id: id, flags: flags, direction: .memToMem,
      segments: [Descriptor.Segment(address: DMAAddr(0x8000_0000), length: 64)],
      hasCallback: true, preparedAtStep: 1)
  }

  @Test func controllerNamesItsChannelsTheKernelWay() {
    let controller = DMAController(spec: Self.spec, index: 2)
    #expect(controller.virtualChannels.map(\.name) == ["dma2chan0", "dma2chan1"])
    #expect(controller.virtualChannel(forRequest: 3) == 0)
    #expect(controller.virtualChannels[1].requestLine == nil)
    #expect(ChannelID(controller: 2, channel: 1).description == "dma2chan1")
  }

  @Test func descriptorWalksAllocatedSubmittedIssuedActiveCompletedFreed() throws {
    var channel = DMAController(spec: Self.spec, index: 0).virtualChannels[1]
    channel.txPrep(Self.descriptor(1))
    #expect(channel.place(of: 1) == .allocated)
    #expect(channel.descriptors[1]?.cookie == 0)

    let submitted = channel.txSubmit(1)
    let cookie = try #require(submitted)
    #expect(cookie == 2)  // DMA_MIN_COOKIE + 1: dma_cookie_init starts at 1
    #expect(channel.place(of: 1) == .submitted)
    #expect(channel.cookieStatus(cookie) == .inProgress)

    let result1 = channel.issuePending()
    #expect(result1 == [1])
    #expect(channel.place(of: 1) == .issued)
    #expect(channel.submitted.isEmpty)

    let result2 = channel.startNext(on: 0)
    #expect(result2 == 1)
    #expect(channel.place(of: 1) == .active)
    #expect(channel.physicalChannel == 0)

    let result3 = channel.cookieComplete(1)
    #expect(result3 == cookie)
    #expect(channel.place(of: 1) == .completed)
    #expect(channel.completedCookie == cookie)
    #expect(channel.descriptors[1]?.cookie == 0)
    #expect(channel.descriptors[1]?.assignedCookie == cookie)
    #expect(channel.cookieStatus(cookie) == .complete)

    let result4 = channel.takeCompleted()
    #expect(result4 == [1])
    let result5 = channel.vdescFini(1)
    #expect(result5 == .freed(Self.descriptor(1).submitted(cookie)))
    #expect(channel.descriptors.isEmpty)
    #expect(channel.place(of: 1) == nil)
  }

  @Test func issuePendingSplicesInSubmitOrderAndStartTakesTheHead() {
    var channel = DMAController(spec: Self.spec, index: 0).virtualChannels[0]
    for id in 1...3 { channel.txPrep(Self.descriptor(id)) }
    channel.txSubmit(2)
    channel.txSubmit(1)
    let result6 = channel.issuePending()
    #expect(result6 == [2, 1])
    channel.txSubmit(3)
    #expect(channel.issued == [2, 1])
    #expect(channel.submitted == [3])
    let result7 = channel.startNext(on: 0)
    #expect(result7 == 2)
    #expect(channel.issued == [1])
    // Nothing issued: the start routine has nothing to take.
    var idle = DMAController(spec: Self.spec, index: 0).virtualChannels[0]
    let result8 = idle.startNext(on: 0)
    #expect(result8 == nil)
    #expect(idle.active == nil)
  }

  @Test func reusableDescriptorGoesBackToTheHeadOfAllocated() {
    var channel = DMAController(spec: Self.spec, index: 0).virtualChannels[1]
    channel.txPrep(Self.descriptor(1))
    channel.txPrep(Self.descriptor(2, flags: [.prepInterrupt, .ctrlReuse]))
    channel.txSubmit(2)
    channel.issuePending()
    channel.startNext(on: 0)
    channel.cookieComplete(2)
    let result9 = channel.vdescFini(2)
    #expect(result9 == .reused)
    #expect(channel.allocated == [2, 1])
    // dmaengine_desc_free frees a reusable descriptor, refuses any other.
    let result10 = channel.freeReusable(1)
    #expect(result10 == nil)
    let result11 = channel.freeReusable(2)
    #expect(result11 != nil)
    #expect(channel.allocated == [1])
  }

  @Test func terminateParksTheActiveDescriptorAndForgetsItsCyclicCallback() {
    var channel = DMAController(spec: Self.spec, index: 0).virtualChannels[0]
    channel.txPrep(Self.descriptor(1))
    channel.txSubmit(1)
    channel.issuePending()
    channel.startNext(on: 0)
    channel.cyclic = 1
    let result12 = channel.terminateActive()
    #expect(result12 == 1)
    #expect(channel.place(of: 1) == .terminated)
    #expect(channel.cyclic == nil)
    let result13 = channel.terminateActive()
    #expect(result13 == nil)
  }

  @Test func cookiesWrapFromIntMaxToTheMinimum() {
    var channel = DMAController(spec: Self.spec, index: 0).virtualChannels[0]
    channel.cookie = .max
    channel.txPrep(Self.descriptor(1))
    let result14 = channel.txSubmit(1)
    #expect(result14 == Cookie.minimum)
    let result15 = channel.txSubmit(99)
    #expect(result15 == nil)
    let result16 = channel.cookieComplete(99)
    #expect(result16 == nil)
    let result17 = channel.vdescFini(99)
    #expect(result17 == nil)
  }
}

extension Descriptor {
  /// The descriptor as `vchan_tx_submit` leaves it once its cookie completed.
  fileprivate func submitted(_ cookie: Int32) -> Descriptor {
    var copy = self
    copy.assignedCookie = cookie
    return copy
  }
}
