extension Machine {
  /// A peripheral shifts one word out of its transmit FIFO and re-evaluates its request line.
  mutating func shiftOut(_ index: Int) {
    guard let fifo = peripherals[index].spec.fifo else { return }
    guard !peripherals[index].fifo.isEmpty, peripherals[index].canShift else {
      peripherals[index].shifting = false
      return
    }
    let wasAsserted = peripherals[index].requestAsserted
    let word = Array(peripherals[index].fifo.prefix(fifo.width))
    peripherals[index].fifo.removeFirst(word.count)
    peripherals[index].emit(word)
    storeOnMedium(index, word)
    let name = peripherals[index].name
    log(
      .hardware, "shift",
      "\(name): shifted out \(ByteText.quoted(word)) (FIFO \(peripherals[index].fifo.count)/"
        + "\(fifo.depth))")
    if peripherals[index].fifo.isEmpty {
      peripherals[index].shifting = false
      if servedByCyclic(name) {
        peripherals[index].underruns += 1
        log(.hardware, "underrun", "\(name): TX FIFO ran empty while playing (underrun)")
      }
    } else {
      agenda.schedule(.shift(peripheral: index), at: clock + UInt64(fifo.ticksPerWord))
    }
    if !wasAsserted, peripherals[index].requestAsserted { wakeChannels(for: name, .memToDev) }
  }

  /// A peripheral receives one word from its wire into its receive FIFO.
  mutating func shiftIn(_ index: Int) {
    guard let rx = peripherals[index].spec.rxFIFO, !peripherals[index].rxPending.isEmpty else {
      peripherals[index].receiving = false
      return
    }
    let word = Array(peripherals[index].rxPending.prefix(rx.width))
    peripherals[index].rxPending.removeFirst(word.count)
    let room = rx.depth - peripherals[index].rxFIFO.count
    let kept = Array(word.prefix(max(0, room)))
    peripherals[index].rxFIFO += kept
    let name = peripherals[index].name
    if kept.count < word.count {
      peripherals[index].overruns += word.count - kept.count
      log(.hardware, "overrun", "\(name): RX FIFO full, \(word.count - kept.count) bytes lost")
    }
    log(
      .hardware, "shift_in",
      "\(name): received \(ByteText.quoted(kept)) (RX FIFO \(peripherals[index].rxFIFO.count)/"
        + "\(rx.depth))")
    if peripherals[index].rxPending.isEmpty {
      peripherals[index].receiving = false
    } else {
      agenda.schedule(.receive(peripheral: index), at: clock + UInt64(rx.ticksPerWord))
    }
    if peripherals[index].rxRequestAsserted { wakeChannels(for: name, .devToMem) }
  }

  private func servedByCyclic(_ peripheral: String) -> Bool {
    engine.controllers.contains { controller in
      controller.virtualChannels.contains { channel in
        channel.peripheral == peripheral
          && channel.active.flatMap { channel.descriptors[$0] }
            .map { $0.kind.isCyclic } == true
      }
    }
  }

  /// Resumes physical channels that wait for a peripheral's request line. A paused channel
  /// stays put whatever the request line does: `dmaengine_resume` restarts it, and its first
  /// burst checks the line again.
  private mutating func wakeChannels(for name: String, _ direction: DMATransferDirection) {
    for controller in engine.controllers.indices {
      for physical in engine.controllers[controller].physicalChannels.indices
      where engine.controllers[controller].physicalChannels[physical].state == .waitingForRequest {
        guard
          let channel = engine.controllers[controller].physicalChannels[physical].virtualChannel,
          !engine.controllers[controller].virtualChannels[channel].paused,
          engine.controllers[controller].virtualChannels[channel].peripheral == name,
          let id = engine.controllers[controller].virtualChannels[channel].active,
          engine.controllers[controller].virtualChannels[channel].descriptors[id]?.direction
            == direction
        else { continue }
        engine.controllers[controller].physicalChannels[physical].state = .busy
        let line =
          engine.controllers[controller].virtualChannels[channel].requestLine.map(String.init)
          ?? "-"
        log(
          .hardware, "drq",
          "\(name): DRQ \(line) asserted → \(engine.controllers[controller].name) ch\(physical) resumes"
        )
        agenda.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
      }
    }
  }

  /// `vchan_complete`: run the pending cyclic callback, then each completed descriptor's
  /// callback in order, then free or recycle it.
  mutating func runTasklet(_ controller: Int, _ channel: Int) {
    var vchan = engine.controllers[controller].virtualChannels[channel]
    // Already run by dmaengine_synchronize's tasklet_kill, or cancelled by terminate.
    guard vchan.taskletScheduled else { return }
    vchan.taskletScheduled = false
    let done = vchan.takeCompleted()
    var notes: [String] = []
    let touched = (vchan.cyclic.map { [$0] } ?? []) + done.filter { !($0 == vchan.cyclic) }
    if let id = vchan.cyclic {
      vchan.cyclic = nil
      vchan.periodCallbacks += 1
      vchan.callbacksRun += 1
      notes.append("period callback \(vchan.periodCallbacks) of txd d\(id)")
    }
    for id in done {
      guard let descriptor = vchan.descriptors[id] else { continue }
      let cookie = descriptor.assignedCookie
      if descriptor.hasCallback {
        vchan.callbacksRun += 1
        cpu.completions.append(cookie)
        cpu.channelCompletions.append([controller, channel, Int(cookie)])
        // struct dmaengine_result: the residue matters only when the transfer failed.
        let result =
          descriptor.result == .noError
          ? descriptor.result.kernelName
          : "{\(descriptor.result.kernelName), residue \(descriptor.residue)}"
        notes.append("callback(txd d\(id), \(result)) → complete(&done)")
        if cpu.waiting == .completion(cookie),
          cpu.waitingChannel.map({ $0 == [controller, channel] }) ?? true
        {
          cpu.waiting = nil
          cpu.waitingChannel = nil
          agenda.schedule(.cpu, at: clock + 1)
        }
      }
      recycle(&vchan, id, notes: &notes, controller: controller)
      run.lastTouch.descriptors.append(id)
    }
    engine.controllers[controller].virtualChannels[channel] = vchan
    log(
      .kernel, "vchan_complete", "\(vchan.name) tasklet: " + notes.joined(separator: "; "),
      subjects: txdSubjects(controller, channel, touched))
  }

  /// `vchan_vdesc_fini`: a reusable descriptor goes back to the head of `desc_allocated`,
  /// any other is freed.
  mutating func recycle(
    _ vchan: inout VirtualChannel, _ id: Int, notes: inout [String], controller: Int
  ) {
    switch vchan.vdescFini(id) {
    case nil: return
    case .reused: notes.append("txd d\(id) reusable → head of desc_allocated")
    case .freed(let descriptor):
      freeLLIs(descriptor, controller)
      notes.append(
        "txd d\(id) freed (desc_free"
          + (descriptor.lliAddresses.isEmpty
            ? ")" : ", \(descriptor.lliAddresses.count) LLI(s) back to the dma_pool)"))
    }
  }
}
