extension Machine {
  /// `dmaengine_submit` → `vchan_tx_submit`: assign a cookie, move to `desc_submitted`.
  mutating func submit(_ operand: Operand, result: String?) {
    guard let value = resolve(operand, for: "dmaengine_submit") else { return }
    guard case .descriptor(let controller, let channel, let id) = value,
      engine.controllers[controller].virtualChannels[channel].descriptors[id] != nil
    else {
      log(
        .debug, "dmaengine_submit",
        "dmaengine_submit(\(value.text)): not a live descriptor (NULL from prep, or already freed)",
        detail: "A descriptor is freed after its callback unless DMA_CTRL_REUSE is set.",
        subjects: value.subjects)
      return
    }
    var vchan = engine.controllers[controller].virtualChannels[channel]
    let cookie = vchan.txSubmit(id) ?? 0
    engine.controllers[controller].virtualChannels[channel] = vchan
    run.lastTouch.descriptors.append(id)
    assign(.cookie(cookie), to: result)
    if let result { cpu.cookieChannels[result] = [controller, channel] }
    log(
      .kernel, "dmaengine_submit",
      "vchan \(vchan.name): txd d\(id)[\(Hex.prefixed(UInt64(cookie)))]: submitted "
        + "(dma_cookie_assign → cookie \(cookie)) → desc_submitted",
      subjects: txdSubjects(controller, channel, [id]) + [
        .cookie(ChannelID(controller: controller, channel: channel), cookie)
      ])
  }

  /// `dma_async_issue_pending` → `vchan_issue_pending`, then start the hardware if it is idle.
  mutating func issuePending(_ operand: Operand) {
    guard let (controller, channel) = channelIndex(operand, "dma_async_issue_pending") else {
      return
    }
    var vchan = engine.controllers[controller].virtualChannels[channel]
    let moved = vchan.issuePending()
    engine.controllers[controller].virtualChannels[channel] = vchan
    run.lastTouch.descriptors += moved
    log(
      .kernel, "dma_async_issue_pending",
      "vchan_issue_pending(\(vchan.name)): \(moved.count) descriptor(s) desc_submitted → "
        + "desc_issued", subjects: txdSubjects(controller, channel, moved))
    // The driver then starts the hardware if it is idle (the next CPU step of this call):
    // the channel joins the arbiter's queue and a free physical channel takes it.
    if vchan.active == nil, !vchan.issued.isEmpty,
      !engine.controllers[controller].waiting.contains(channel)
    {
      engine.controllers[controller].waiting.append(channel)
      cpu.pending.append(.startTransfer(controller: controller, channel: channel))
    }
  }

  /// `dmaengine_tx_status`: `dma_cookie_status` plus the driver's residue.
  mutating func txStatus(_ operand: Operand, _ cookieOperand: Operand, result: String?) {
    guard let (controller, channel) = channelIndex(operand, "dmaengine_tx_status"),
      let value = resolve(cookieOperand, for: "dmaengine_tx_status")
    else { return }
    guard case .cookie(let cookie) = value else {
      log(.debug, "dmaengine_tx_status", "\(cookieOperand.text) is \(value.text), not a cookie")
      return
    }
    let vchan = engine.controllers[controller].virtualChannels[channel]
    let (status, residue) = txState(controller, channel, cookie)
    assign(.status(status), to: result)
    log(
      .kernel, "dmaengine_tx_status",
      "\(vchan.name): cookie \(cookie) = \(status.kernelName) (last \(vchan.completedCookie), "
        + "used \(vchan.cookie), residue \(residue))")
  }

  /// `wait_for_completion`: sleep until the descriptor's callback has run.
  mutating func waitForCompletion(_ operand: Operand) {
    guard let value = resolve(operand, for: "wait_for_completion") else { return }
    guard case .cookie(let cookie) = value else {
      log(.debug, "wait_for_completion", "\(operand.text) is \(value.text), not a cookie")
      return
    }
    var channel: [Int]?
    if case .variable(let name) = operand { channel = cpu.cookieChannels[name] }
    let done =
      channel.map { cpu.channelCompletions.contains($0 + [Int(cookie)]) }
      ?? cpu.completions.contains(cookie)
    if done {
      log(.kernel, "wait_for_completion", "cookie \(cookie): already completed, no sleep")
      return
    }
    cpu.waiting = .completion(cookie)
    cpu.waitingChannel = channel
    log(.kernel, "wait_for_completion", "CPU sleeps until the callback of cookie \(cookie) runs")
  }

  /// The residue a driver reports for the active descriptor at a granularity: none at all
  /// (`DESCRIPTOR`: always 0), the segments (or LLIs) not finished yet (`SEGMENT`), or what the
  /// progress register says after the last finished burst (`BURST`).
  func residueOf(_ descriptor: Descriptor, _ granularity: ResidueGranularity) -> UInt64 {
    if descriptor.kind.isCyclic { return granularity == .descriptor ? 0 : descriptor.residue }
    switch granularity {
    case .descriptor: return 0
    case .segment: return descriptor.segmentResidue
    case .burst: return descriptor.length - min(descriptor.settled, descriptor.length)
    }
  }
}
