extension DMAEngine {
  /// A cyclic descriptor finished a period: `vchan_cyclic_callback` (several periods before the
  /// tasklet runs collapse into one callback, because `vc->cyclic` is a single pointer).
  mutating func cyclicPeriodDone(
    _ controller: Int, _ channel: Int, _ id: Int, clock: UInt64, bus: inout some DMABus
  ) {
    var vchan = controllers[controller].virtualChannels[channel]
    vchan.descriptors[id]?.periodsDone += 1
    let period = vchan.descriptors[id]?.periodsDone ?? 0
    let collapsed = vchan.cyclic == id
    vchan.cyclic = id
    let schedule = !vchan.taskletScheduled
    vchan.taskletScheduled = true
    controllers[controller].virtualChannels[channel] = vchan
    bus.log(
      .hardware, "irq",
      "\(controllers[controller].name): period \(period) of txd d\(id) done → vchan_cyclic_callback"
        + (collapsed ? " (a callback is already pending: this period shares it)" : ""),
      subjects: Self.txdSubjects(controller, channel, [id]))
    if schedule {
      bus.schedule(.tasklet(controller: controller, channel: channel), at: clock + 1)
    }
  }
  /// The controller's interrupt handler: `vchan_cookie_complete`, then the arbiter picks what
  /// the freed physical channel runs next.
  mutating func handleInterrupt(
    _ controller: Int, _ physical: Int, clock: UInt64, bus: inout some DMABus
  ) {
    guard let channel = controllers[controller].physicalChannels[physical].virtualChannel
    else {
      return
    }
    var vchan = controllers[controller].virtualChannels[channel]
    guard let id = vchan.active, let cookie = vchan.descriptors[id]?.cookie else { return }
    controllers[controller].physicalChannels[physical].interrupts += 1
    let failed = vchan.descriptors[id].flatMap { $0.result == .noError ? nil : $0 }
    if let descriptor = vchan.descriptors[id], failed == nil, descriptor.residue > 0,
      descriptor.lliAddresses.isEmpty, !descriptor.kind.isCyclic
    {
      reprogramSegment(controller, physical, descriptor, clock: clock, bus: &bus)
      return
    }
    vchan.cookieComplete(id)
    let schedule = !vchan.taskletScheduled
    vchan.taskletScheduled = true
    vchan.physicalChannel = nil
    controllers[controller].virtualChannels[channel] = vchan
    controllers[controller].physicalChannels[physical].state = .idle
    controllers[controller].physicalChannels[physical].virtualChannel = nil
    bus.touched(descriptors: [id])
    bus.touched(completed: [id])
    bus.log(
      .hardware, "irq",
      "\(controllers[controller].name): "
        + (failed.map {
          "error IRQ for channel \(physical) (\($0.result.kernelName), residue \($0.residue))"
        } ?? "IRQ for channel \(physical)") + " → vchan_cookie_complete: "
        + "txd d\(id)[\(Hex.prefixed(UInt64(cookie)))]: marked complete → desc_completed, "
        + "completed_cookie = \(cookie), tasklet scheduled",
      subjects: Self.txdSubjects(controller, channel, [id]) + [
        .cookie(ChannelID(controller: controller, channel: channel), cookie)
      ])
    if schedule {
      bus.schedule(.tasklet(controller: controller, channel: channel), at: clock + 1)
    }
    if !controllers[controller].virtualChannels[channel].issued.isEmpty {
      controllers[controller].waiting.append(channel)
    }
    arbitrate(controller, clock: clock, bus: &bus)
  }
  /// Software scatter-gather: the controller has no LLIs, so its interrupt handler writes the
  /// next segment's addresses and length into the channel registers and restarts it.
  private mutating func reprogramSegment(
    _ controller: Int, _ physical: Int, _ descriptor: Descriptor, clock: UInt64,
    bus: inout some DMABus
  ) {
    let offset = descriptor.transferred
    let index = descriptor.segments.indices.first { position in
      descriptor.segments.prefix(position + 1).reduce(0) { $0 + $1.length } > offset
    }
    let segment = index.map { descriptor.segments[$0] }
    controllers[controller].physicalChannels[physical].state = .busy
    bus.log(
      .hardware, "irq",
      "\(controllers[controller].name): IRQ for channel \(physical): segment \(index ?? 0) of "
        + "txd \(descriptor.label) done → the driver programs segment \((index ?? 0) + 1)/"
        + "\(descriptor.segments.count) (\(segment.map { $0.address.hex } ?? "?"), "
        + "\(segment?.length ?? 0) bytes) and restarts the channel (no LLIs: one interrupt per "
        + "segment)",
      subjects: controllers[controller].physicalChannels[physical].virtualChannel.map {
        Self.txdSubjects(controller, $0, [descriptor.id])
      } ?? [])
    bus.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
  }
  /// The arbiter: while a physical channel is free, give it to the virtual channel that has
  /// waited longest (round robin at descriptor boundaries: a channel that finishes a descriptor
  /// with more queued goes to the back of the queue).
  mutating func arbitrate(_ controller: Int, clock: UInt64, bus: inout some DMABus) {
    while let free = controllers[controller].physicalChannels.firstIndex(where: {
      $0.virtualChannel == nil
    }), !controllers[controller].waiting.isEmpty {
      let channel = controllers[controller].waiting.removeFirst()
      let vchan = controllers[controller].virtualChannels[channel]
      guard vchan.active == nil, !vchan.paused, let head = vchan.issued.first else { continue }
      start(controller, channel, head, on: free, clock: clock, bus: &bus)
    }
    for channel in controllers[controller].waiting {
      let name = controllers[controller].virtualChannels[channel].name
      bus.log(
        .hardware, "arbiter", "\(name): every physical channel is busy, waits its turn",
        subjects: Self.txdSubjects(controller, channel, []))
    }
  }
  /// The driver's start routine: take the head of `desc_issued` and program a physical channel.
  private mutating func start(
    _ controller: Int, _ channel: Int, _ head: Int, on physical: Int, clock: UInt64,
    bus: inout some DMABus
  ) {
    var vchan = controllers[controller].virtualChannels[channel]
    vchan.startNext(on: physical)
    controllers[controller].virtualChannels[channel] = vchan
    controllers[controller].physicalChannels[physical].virtualChannel = channel
    controllers[controller].physicalChannels[physical].state = .busy
    controllers[controller].physicalChannels[physical].beatsLeftInBurst = 0
    controllers[controller].physicalChannels[physical].lli = nil
    controllers[controller].physicalChannels[physical].lliMoved = 0
    bus.touched(descriptors: [head])
    bus.log(
      .hardware, "start",
      "\(controllers[controller].name): \(vchan.name) txd d\(head) programmed on physical "
        + "channel \(physical) (list_del from desc_issued → active)",
      subjects: Self.txdSubjects(controller, channel, [head]))
    bus.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
  }
}
