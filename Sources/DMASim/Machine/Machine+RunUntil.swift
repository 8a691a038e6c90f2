extension Machine {
  /// `run until complete(cookie)`: a driver polling `dma_async_is_tx_complete(chan, cookie)`
  /// (`dma_cookie_status`: complete once the channel's last completed cookie has reached it).
  /// The CPU sleeps while the hardware runs and wakes as soon as the cookie is complete. When
  /// the cookie can never complete (never issued, a cyclic ring, a paused channel, nothing in
  /// flight) or `limit` ticks pass, the wait fails: a `dma-debug`-style log line, a failed check
  /// a headless run reports, and the scenario stops.
  mutating func runUntilComplete(_ operand: Operand, limit: UInt64) {
    guard let value = resolve(operand, for: "run") else {
      failRunUntil("\(operand.text) holds no cookie to poll", actual: "unset")
      return
    }
    guard case .cookie(let cookie) = value else {
      failRunUntil(
        "\(operand.text) is \(value.text), not a cookie: dmaengine_submit failed or never ran",
        actual: value.text)
      return
    }
    var channel: [Int]?
    if case .variable(let name) = operand { channel = cpu.cookieChannels[name] }
    guard let channel, channel.count == 2, engine.controllers.indices.contains(channel[0]),
      engine.controllers[channel[0]].virtualChannels.indices.contains(channel[1])
    else {
      failRunUntil(
        "cookie \(cookie) belongs to no channel this scenario submitted to",
        actual: "a cookie of no known channel")
      return
    }
    if statusIsComplete(cookie, channel) {
      log(
        .kernel, "run",
        "dma_async_is_tx_complete(cookie \(cookie)) = DMA_COMPLETE: already complete, no wait")
      return
    }
    if let reason = neverCompletes(cookie, channel) {
      failRunUntil(reason, actual: "DMA_IN_PROGRESS: \(reason)")
      return
    }
    let ticks = min(limit, 1 << 40)
    cpu.waiting = .status(cookie, deadline: clock + ticks)
    cpu.waitingChannel = channel
    log(
      .kernel, "run",
      "CPU polls dma_async_is_tx_complete(cookie \(cookie)) while the hardware runs "
        + "(gives up after \(ticks) ticks)")
  }

  /// `run until idle`: the CPU idles until no transfer, interrupt or tasklet is pending.
  mutating func runUntilIdle(limit: UInt64) {
    if agenda.isEmpty {
      log(.kernel, "run", "the hardware is already idle: nothing to wait for")
      return
    }
    let ticks = min(limit, 1 << 40)
    cpu.waiting = .idle(deadline: clock + ticks)
    log(
      .kernel, "run",
      "CPU idles until no hardware event is pending (gives up after \(ticks) ticks)")
  }

  /// After every event: wakes a CPU waiting in `run until`, or gives up on its wait.
  mutating func checkRunUntil() {
    switch cpu.waiting {
    case .status(let cookie, let deadline):
      let channel = cpu.waitingChannel ?? []
      if statusIsComplete(cookie, channel) {
        log(.kernel, "run", "dma_async_is_tx_complete(cookie \(cookie)) = DMA_COMPLETE")
        wakeFromRunUntil()
      } else if let reason = neverCompletes(cookie, channel) {
        failRunUntil(reason, actual: "DMA_IN_PROGRESS: \(reason)")
      } else if clock >= deadline {
        failRunUntil(
          "cookie \(cookie) is still DMA_IN_PROGRESS at tick \(clock): the wait gave up",
          actual: "DMA_IN_PROGRESS at tick \(clock), past the limit")
      }
    case .idle(let deadline):
      if agenda.isEmpty {
        log(.kernel, "run", "no hardware event is pending: the CPU runs on")
        wakeFromRunUntil()
      } else if clock >= deadline {
        failRunUntil(
          "the hardware is still busy at tick \(clock) (a cyclic transfer never stops by itself)",
          actual: "busy at tick \(clock), past the limit", expected: "idle")
      }
    default: return
    }
  }

  private mutating func wakeFromRunUntil() {
    cpu.waiting = nil
    cpu.waitingChannel = nil
    agenda.schedule(.cpu, at: clock + 1)
  }

  /// Whether `dma_cookie_status` on the channel says the cookie is complete.
  private func statusIsComplete(_ cookie: Int32, _ channel: [Int]) -> Bool {
    guard channel.count == 2, engine.controllers.indices.contains(channel[0]),
      engine.controllers[channel[0]].virtualChannels.indices.contains(channel[1])
    else { return false }
    return engine.controllers[channel[0]].virtualChannels[channel[1]].cookieStatus(cookie)
      == .complete
  }

  /// Why a cookie that is not complete never will be without the CPU doing something, if so.
  private func neverCompletes(_ cookie: Int32, _ channel: [Int]) -> String? {
    guard channel.count == 2, engine.controllers.indices.contains(channel[0]),
      engine.controllers[channel[0]].virtualChannels.indices.contains(channel[1])
    else { return "cookie \(cookie) belongs to no channel" }
    let vchan = engine.controllers[channel[0]].virtualChannels[channel[1]]
    let holder = vchan.descriptors.values.filter { $0.cookie == cookie }.min { $0.id < $1.id }
    if let holder, vchan.submitted.contains(holder.id) {
      return "cookie \(cookie) is on \(vchan.name)'s desc_submitted: dma_async_issue_pending() "
        + "was never called, so the channel never starts it"
    }
    if let holder, case .cyclic = holder.kind {
      return "cookie \(cookie) is a cyclic transfer: it runs until terminated and never reports "
        + "DMA_COMPLETE"
    }
    if vchan.paused {
      return "\(vchan.name) is paused: only dmaengine_resume() restarts it"
    }
    if agenda.isEmpty {
      return "cookie \(cookie) can never complete: \(vchan.name) has nothing in flight "
        + "(no transfer, interrupt or tasklet is pending)"
    }
    return nil
  }

  /// Gives up a `run until` wait: logs why, records a failed check and stops the scenario.
  private mutating func failRunUntil(
    _ reason: String, actual: String, expected: String = "DMA_COMPLETE"
  ) {
    let line = currentAction?.line ?? 0
    let text = currentAction?.text ?? "run until"
    cpu.expectationResults.append(
      ExpectationResult(
        line: line, text: text, passed: false, actual: actual, expected: expected,
        step: stepCount, kind: .wait))
    cpu.narration = "\(text) at line \(line) gave up: \(reason)"
    log(
      .debug, "run", "\(text): \(reason)",
      detail: "A driver that polls like this would spin forever; the scenario stops here.")
    cpu.waiting = nil
    cpu.waitingChannel = nil
    cpu.finished = true
  }
}
