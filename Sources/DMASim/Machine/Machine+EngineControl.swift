extension Machine {
  /// `dma_request_chan_by_mask`: the first free channel of a controller with the capability.
  mutating func requestChanByMask(_ capability: String, result: String?) {
    for controller in engine.controllers.indices
    where engine.controllers[controller].capabilities.transactionTypes.contains(capability) {
      for channel in engine.controllers[controller].virtualChannels.indices {
        let vchan = engine.controllers[controller].virtualChannels[channel]
        guard vchan.client == nil, vchan.requestLine == nil else { continue }
        let short = capability.hasPrefix("DMA_") ? String(capability.dropFirst(4)) : capability
        engine.controllers[controller].virtualChannels[channel].client = "dma:\(short.lowercased())"
        assign(.channel(controller: controller, channel: channel), to: result)
        log(
          .kernel, "dma_request_chan_by_mask",
          "dma_request_chan_by_mask(\(capability)) = \(vchan.name)")
        return
      }
    }
    let anyController = !engine.controllers.isEmpty
    let errno: Errno = anyController ? .enodev : .eprobeDefer
    assign(.error(errno), to: result)
    log(
      .kernel, "dma_request_chan_by_mask",
      "dma_request_chan_by_mask(\(capability)) = ERR_PTR(-\(errno.name)): no free channel can")
  }

  /// `dmaengine_pause`: the driver stops the channel after the beat in progress.
  mutating func pauseChannel(_ operand: Operand) {
    guard let (controller, channel) = channelIndex(operand, "dmaengine_pause") else { return }
    engine.controllers[controller].virtualChannels[channel].paused = true
    log(
      .kernel, "dmaengine_pause",
      "\(engine.controllers[controller].virtualChannels[channel].name): paused = 0")
  }

  /// `dmaengine_resume`: the channel continues where it stopped.
  mutating func resumeChannel(_ operand: Operand) {
    guard let (controller, channel) = channelIndex(operand, "dmaengine_resume") else { return }
    if !engine.controllers[controller].virtualChannels[channel].paused {
      // Documentation/driver-api/dmaengine/client.rst, dmaengine_resume: "It is invalid to
      // resume a channel which is not currently paused."
      log(
        .debug, "dmaengine",
        "dmaengine_resume(\(engine.controllers[controller].virtualChannels[channel].name)): the "
          + "channel is not paused",
        detail: "The dmaengine client API says it is invalid to resume a channel that is not "
          + "currently paused; what happens is up to the controller's driver (here, nothing).")
      return
    }
    engine.controllers[controller].virtualChannels[channel].paused = false
    log(
      .kernel, "dmaengine_resume",
      "\(engine.controllers[controller].virtualChannels[channel].name): resumed = 0")
    if let physical = engine.controllers[controller].virtualChannels[channel].physicalChannel {
      agenda.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
    } else if !engine.controllers[controller].virtualChannels[channel].issued.isEmpty,
      !engine.controllers[controller].waiting.contains(channel)
    {
      engine.controllers[controller].waiting.append(channel)
      arbitrate(controller)
    }
  }

  /// `dmaengine_terminate_async` (and the first half of `_sync`): the driver's terminate_all.
  /// `vchan_get_all_descriptors` (drivers/dma/virt-dma.h, v6.16) splices `desc_allocated`,
  /// `desc_submitted`, `desc_issued`, `desc_completed` and `desc_terminated`, in that order,
  /// and `vchan_dma_desc_free_list` frees each (reusable ones return to the head of
  /// `desc_allocated`): prepared but never submitted descriptors go too, and the callbacks of
  /// completed ones are dropped. The hardware is aborted, then `vchan_terminate_vdesc` parks
  /// the active descriptor on `desc_terminated` (the tasklet may still touch it) until
  /// `vchan_synchronize`.
  mutating func terminate(_ operand: Operand, synchronous: Bool) {
    let function = synchronous ? "dmaengine_terminate_sync" : "dmaengine_terminate_async"
    guard let (controller, channel) = channelIndex(operand, function) else { return }
    var vchan = engine.controllers[controller].virtualChannels[channel]
    var notes: [String] = []
    let spliced =
      vchan.allocated + vchan.submitted + vchan.issued + vchan.completed + vchan.terminated
    let touched = (vchan.active.map { [$0] } ?? []) + spliced
    let dropped = vchan.completed.filter { vchan.descriptors[$0]?.hasCallback == true }.count
    for id in spliced { recycle(&vchan, id, notes: &notes, controller: controller) }
    if dropped > 0 { notes.append("\(dropped) pending callback(s) dropped") }
    if let physical = vchan.physicalChannel {
      engine.controllers[controller].physicalChannels[physical].virtualChannel = nil
      engine.controllers[controller].physicalChannels[physical].state = .idle
      engine.controllers[controller].physicalChannels[physical].beatsLeftInBurst = 0
      engine.controllers[controller].physicalChannels[physical].lli = nil
      engine.controllers[controller].physicalChannels[physical].draining = nil
      vchan.physicalChannel = nil
      notes.append("channel \(physical) aborted")
    }
    if let id = vchan.terminateActive() {
      notes.append("vchan_terminate_vdesc: txd d\(id) → desc_terminated")
    }
    vchan.paused = false
    engine.controllers[controller].virtualChannels[channel] = vchan
    engine.controllers[controller].waiting.removeAll { $0 == channel }
    log(
      .kernel, function,
      "\(vchan.name): " + (notes.isEmpty ? "nothing to stop" : notes.joined(separator: "; ")),
      subjects: txdSubjects(controller, channel, touched))
    if synchronous { synchronize(controller, channel, function: function) }
    arbitrate(controller)
  }

  /// `chan->cookie = N` / `chan->completed_cookie = N`: the counters `dma_cookie_assign` and
  /// `dma_cookie_complete` (drivers/dma/dmaengine.h) move. `dma_cookie_assign` hands out
  /// `chan->cookie + 1`, and `DMA_MIN_COOKIE` (1) once that passes `INT_MAX`.
  mutating func setChannelCookie(_ operand: Operand, _ field: ChannelCookieField, _ value: Int32) {
    let function = "chan->\(field.rawValue)"
    guard let (controller, channel) = channelIndex(operand, function) else { return }
    var vchan = engine.controllers[controller].virtualChannels[channel]
    switch field {
    case .cookie: vchan.cookie = value
    case .completedCookie: vchan.completedCookie = value
    }
    engine.controllers[controller].virtualChannels[channel] = vchan
    log(
      .kernel, function,
      "\(vchan.name): \(function) = \(value) (the next dmaengine_submit gets cookie "
        + "\(Cookie.next(after: vchan.cookie)))",
      subjects: txdSubjects(controller, channel, []))
  }

  /// `dmaengine_synchronize` → `vchan_synchronize`.
  mutating func synchronizeChannel(_ operand: Operand) {
    guard let (controller, channel) = channelIndex(operand, "dmaengine_synchronize") else { return }
    synchronize(controller, channel, function: "dmaengine_synchronize")
  }

  /// `tasklet_kill` (a scheduled tasklet runs to completion first), then the terminated
  /// descriptors are freed (or recycled).
  private mutating func synchronize(_ controller: Int, _ channel: Int, function: String) {
    if engine.controllers[controller].virtualChannels[channel].taskletScheduled {
      runTasklet(controller, channel)
    }
    var vchan = engine.controllers[controller].virtualChannels[channel]
    var notes: [String] = []
    let touched = vchan.terminated
    for id in vchan.terminated { recycle(&vchan, id, notes: &notes, controller: controller) }
    engine.controllers[controller].virtualChannels[channel] = vchan
    log(
      .kernel, function,
      "vchan_synchronize(\(vchan.name)): tasklet_kill; "
        + (notes.isEmpty ? "desc_terminated empty" : notes.joined(separator: "; ")),
      subjects: txdSubjects(controller, channel, touched))
  }

  /// `dmaengine_desc_set_reuse`: needs the controller's `descriptor_reuse` capability.
  mutating func setReuse(_ operand: Operand, result: String?) {
    guard let (controller, channel, id) = descriptorIndex(operand, "dmaengine_desc_set_reuse")
    else {
      return
    }
    guard engine.controllers[controller].capabilities.descriptorReuse else {
      assign(.integer(-Int64(Errno.eperm.rawValue)), to: result)
      log(
        .kernel, "dmaengine_desc_set_reuse",
        "txd d\(id): controller has no descriptor_reuse = -EPERM",
        subjects: txdSubjects(controller, channel, [id]))
      return
    }
    engine.controllers[controller].virtualChannels[channel].descriptors[id]?.flags.insert(
      .ctrlReuse)
    assign(.integer(0), to: result)
    log(
      .kernel, "dmaengine_desc_set_reuse", "txd d\(id): DMA_CTRL_REUSE set = 0",
      subjects: txdSubjects(controller, channel, [id]))
  }

  /// `dmaengine_desc_free`: frees a reusable descriptor (`-EPERM` for any other).
  mutating func freeDescriptor(_ operand: Operand, result: String?) {
    guard let (controller, channel, id) = descriptorIndex(operand, "dmaengine_desc_free") else {
      return
    }
    var vchan = engine.controllers[controller].virtualChannels[channel]
    guard let freed = vchan.freeReusable(id) else {
      assign(.integer(-Int64(Errno.eperm.rawValue)), to: result)
      log(
        .kernel, "dmaengine_desc_free", "txd d\(id): not reusable = -EPERM",
        subjects: txdSubjects(controller, channel, [id]))
      return
    }
    freeLLIs(freed, controller)
    engine.controllers[controller].virtualChannels[channel] = vchan
    assign(.integer(0), to: result)
    log(
      .kernel, "dmaengine_desc_free", "vchan \(vchan.name): txd d\(id): freeing = 0",
      subjects: txdSubjects(controller, channel, [id]))
  }

  /// Bytes arrive on a peripheral's receive wire, one word every few ticks.
  mutating func receive(_ device: String, _ bytes: [UInt8]) {
    if let nic = peripherals.firstIndex(where: { $0.name == device && $0.nic != nil }) {
      receiveFrame(nic, bytes)
      return
    }
    guard let index = peripherals.firstIndex(where: { $0.name == device }),
      let rx = peripherals[index].spec.rxFIFO
    else {
      log(.debug, "device_receive", "\(device) has no receive FIFO")
      return
    }
    peripherals[index].rxPending += bytes
    log(.hardware, "device_receive", "\(device): \(bytes.count) bytes start arriving on the wire")
    if !peripherals[index].receiving {
      peripherals[index].receiving = true
      agenda.schedule(.receive(peripheral: index), at: clock + UInt64(rx.ticksPerWord))
    }
  }

  /// The controller, channel and id of a live descriptor operand.
  mutating func descriptorIndex(_ operand: Operand, _ function: String) -> (Int, Int, Int)? {
    guard let value = resolve(operand, for: function) else { return nil }
    guard case .descriptor(let controller, let channel, let id) = value,
      engine.controllers[controller].virtualChannels[channel].descriptors[id] != nil
    else {
      log(
        .debug, function, "\(operand.text) is \(value.text), not a live descriptor",
        subjects: value.subjects)
      return nil
    }
    return (controller, channel, id)
  }
}
