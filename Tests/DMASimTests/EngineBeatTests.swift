import Testing

@testable import DMASim

/// The DMA engine moving data, built alone: a controller from its spec, descriptors put on
/// its lists, and a fake bus. No machine, board file or scenario text.
@Suite struct EngineBeatTests {
  static let spec = ControllerSpec(
    name: "dma0", compatible: "test,dma", physicalChannels: 1, requestLines: [3],
    memcpyChannels: 1,
    capabilities: DMACapabilities(
      transactionTypes: ["DMA_SLAVE", "DMA_MEMCPY", "DMA_CYCLIC"], addressWidths: [1, 2, 4],
      maxBurst: 8, residueGranularity: .burst, descriptorReuse: true))

  /// An engine whose physical channel 0 runs `descriptor` on virtual channel `channel`, as
  /// `vchan_tx_prep`, `vchan_tx_submit`, `vchan_issue_pending` and the driver's start leave it.
  static func engine(running descriptor: Descriptor, on channel: Int) -> DMAEngine {
    var engine = DMAEngine(controllers: [DMAController(spec: spec, index: 0)])
    var vchan = engine.controllers[0].virtualChannels[channel]
    vchan.txPrep(descriptor)
    _ = vchan.txSubmit(descriptor.id)
    _ = vchan.issuePending()
    _ = vchan.startNext(on: 0)
    if channel == 0 {
      vchan.peripheral = "uart0"
      vchan.config = SlaveConfig(
        dstAddress: PhysAddr(0x0900_0000), srcAddrWidth: 1, dstAddrWidth: 1, srcMaxBurst: 4,
        dstMaxBurst: 4)
    }
    engine.controllers[0].virtualChannels[channel] = vchan
    engine.controllers[0].physicalChannels[0].virtualChannel = channel
    engine.controllers[0].physicalChannels[0].state = .busy
    return engine
  }

  /// A `dmaengine_prep_dma_memcpy` descriptor with `DMA_PREP_INTERRUPT`.
  static func memcpy(
    _ id: Int, from source: UInt64, to destination: UInt64, length: UInt64, callback: Bool
  ) -> Descriptor {
    Descriptor(
      id: id, kind: .memcpy(destination: DMAAddr(destination)), flags: .prepInterrupt,
      direction: .memToMem,
      segments: [Descriptor.Segment(address: DMAAddr(source), length: length)],
      hasCallback: callback, preparedAtStep: 1)
  }

  static func run(_ engine: inout DMAEngine, _ bus: inout FakeDMABus) -> ChannelStep {
    engine.runChannel(0, 0, granularity: .beat, clock: 10, bus: &bus)
  }

  @Test func aMemcpyMovesWidestBeatsAndFinishesOnItsLastByte() throws {
    let source = Array("sixteen bytes!!!".utf8)
    var bus = FakeDMABus()
    bus.store(source, at: 0x8000_0000)
    var engine = Self.engine(
      running: Self.memcpy(1, from: 0x8000_0000, to: 0x8000_1000, length: 16, callback: true),
      on: 1)
    // The widest bus width the controller has (4 bytes), so four beats.
    var steps: [ChannelStep] = []
    for _ in 0..<4 { steps.append(Self.run(&engine, &bus)) }
    guard case .beat(1, let first, _, .another) = steps[0] else {
      Issue.record("the first beat: \(steps[0])")
      return
    }
    #expect(
      first == "dma0 ch0: beat 1: 4 bytes 0x0000000080000000 → 0x0000000080001000 \"sixt\", "
        + "residue 12")
    guard case .beat(1, _, _, .finished(let done)) = steps[3] else {
      Issue.record("the last beat: \(steps[3])")
      return
    }
    #expect(done.residue == 0)
    #expect(bus.deviceRead(PhysAddr(0x8000_1000), count: 16, coherent: false) == source)
    // Three more beats, then the completion interrupt (DMA_PREP_INTERRUPT).
    #expect(
      bus.scheduled
        == Array(repeating: .channel(controller: 0, physical: 0), count: 3) + [
          .interrupt(controller: 0, physical: 0)
        ])
    #expect(engine.controllers[0].physicalChannels[0].state == .interruptPending)
    #expect(
      bus.touches.map(\.name) == Array(repeating: ["dma", "dma write"], count: 4).flatMap { $0 })
    #expect(engine.controllers[0].virtualChannels[1].descriptors[1]?.settled == 16)
  }

  @Test func aSlaveChannelWaitsForItsRequestLineAndFillsTheFIFO() {
    var bus = FakeDMABus()
    bus.store(Array("hello".utf8), at: 0x8000_0000)
    bus.request = false
    var engine = Self.engine(
      running: Descriptor(
        id: 1, flags: .prepInterrupt, direction: .memToDev,
        segments: [Descriptor.Segment(address: DMAAddr(0x8000_0000), length: 5)],
        hasCallback: false, preparedAtStep: 1),
      on: 0)
    #expect(
      Self.run(&engine, &bus)
        == .waitsForRequest("dma0 ch0: DRQ 3 low (uart0 FIFO full) → channel waits"))
    #expect(engine.controllers[0].physicalChannels[0].state == .waitingForRequest)
    #expect(bus.transmitted.isEmpty)
    // DRQ asserted: a burst of dst_maxburst (4) one-byte beats, then the last byte.
    bus.request = true
    var last: ChannelStep = .nothing
    for _ in 0..<5 { last = Self.run(&engine, &bus) }
    #expect(bus.transmitted == Array("hello".utf8))
    guard case .beat(_, let text, _, .finished) = last else {
      Issue.record("the last beat: \(last)")
      return
    }
    #expect(
      text == "dma0 ch0: beat 5: 1 bytes from 0x0000000080000004 \"o\" → uart0 FIFO (5/16), "
        + "residue 0")
  }

  /// A beat the SMMU terminates is a bus error for the master: the channel stops, the
  /// descriptor's `dmaengine_result` says which side failed (include/linux/dmaengine.h
  /// `DMA_TRANS_WRITE_FAILED`) and the error interrupt completes it with its residue.
  @Test func aBeatTheIOMMUFaultsAbortsTheTransfer() {
    var bus = FakeDMABus()
    bus.store([1, 2, 3, 4, 5, 6, 7, 8], at: 0x8000_0000)
    bus.faultingPages = [0x8000_1]
    var engine = Self.engine(
      running: Self.memcpy(1, from: 0x8000_0000, to: 0x8000_1000, length: 8, callback: false),
      on: 1)
    guard case .beat(_, let text, _, .aborted(.writeFailed)) = Self.run(&engine, &bus) else {
      Issue.record("the first beat aborts on the write side")
      return
    }
    #expect(
      text
        == "dma0 ch0: beat 1: 4 bytes at 0x0000000080000000: bus error (IOMMU fault), the "
        + "controller aborts the transfer, residue 8")
    #expect(bus.memory[0x8000_1000] == nil)
    #expect(bus.scheduled == [.interrupt(controller: 0, physical: 0)])
    engine.handleInterrupt(0, 0, clock: 11, bus: &bus)
    #expect(engine.controllers[0].virtualChannels[1].completed == [1])
    #expect(
      bus.logged.last?.hasPrefix(
        "irq: dma0: error IRQ for channel 0 (DMA_TRANS_WRITE_FAILED, residue 8)") == true)
  }

  @Test func aCyclicDescriptorReportsEachPeriodAndNeverFinishes() {
    var bus = FakeDMABus()
    var engine = Self.engine(
      running: Descriptor(
        id: 1, kind: .cyclic(period: 4), flags: .prepInterrupt, direction: .memToDev,
        segments: [Descriptor.Segment(address: DMAAddr(0x8000_0000), length: 8)],
        hasCallback: true, preparedAtStep: 1),
      on: 0)
    var periods = 0
    for _ in 0..<16 {
      if case .beat(_, _, _, .periodDone(0, 1)) = Self.run(&engine, &bus) { periods += 1 }
    }
    // 16 one-byte beats over a 4-byte period: four periods, the ring wrapped twice.
    #expect(periods == 4)
    #expect(bus.transmitted.count == 16)
    #expect(engine.controllers[0].virtualChannels[0].active == 1)
  }

  @Test func anIdleOrPausedChannelDoesNothing() {
    var bus = FakeDMABus()
    var idle = DMAEngine(controllers: [DMAController(spec: Self.spec, index: 0)])
    #expect(Self.run(&idle, &bus) == .nothing)
    var paused = Self.engine(
      running: Descriptor(
        id: 1, flags: .prepInterrupt, direction: .memToDev,
        segments: [Descriptor.Segment(address: DMAAddr(0x8000_0000), length: 5)],
        hasCallback: false, preparedAtStep: 1),
      on: 0)
    paused.controllers[0].virtualChannels[0].paused = true
    #expect(Self.run(&paused, &bus) == .nothing)
    #expect(bus.scheduled.isEmpty)
  }

  @Test func theInterruptCompletesTheCookieSchedulesTheTaskletAndStartsTheNext() throws {
    var bus = FakeDMABus()
    let second = Self.memcpy(2, from: 0x8000_2000, to: 0x8000_3000, length: 4, callback: true)
    var engine = Self.engine(
      running: Self.memcpy(1, from: 0x8000_0000, to: 0x8000_1000, length: 4, callback: true),
      on: 1)
    engine.controllers[0].virtualChannels[1].txPrep(second)
    let submitted = engine.controllers[0].virtualChannels[1].txSubmit(2)
    let cookie = try #require(submitted)
    _ = engine.controllers[0].virtualChannels[1].issuePending()
    _ = Self.run(&engine, &bus)
    bus.scheduled = []
    bus.logged = []
    // The driver's interrupt handler: vchan_cookie_complete (drivers/dma/virt-dma.h), the
    // tasklet, then the arbiter gives the free physical channel to d2.
    engine.handleInterrupt(0, 0, clock: 11, bus: &bus)
    let vchan = engine.controllers[0].virtualChannels[1]
    #expect(vchan.completed == [1])
    #expect(vchan.completedCookie == cookie - 1)
    #expect(vchan.taskletScheduled)
    #expect(vchan.active == 2)
    #expect(bus.completedDescriptors == [1])
    #expect(
      bus.scheduled == [
        .tasklet(controller: 0, channel: 1), .channel(controller: 0, physical: 0),
      ])
    #expect(
      bus.logged.first?.hasPrefix("irq: dma0: IRQ for channel 0 → vchan_cookie_complete") == true)
    #expect(bus.logged.last?.hasPrefix("start: dma0: dma0chan1 txd d2 programmed") == true)
  }
}
