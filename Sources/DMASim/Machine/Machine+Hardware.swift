extension Machine {
  /// A physical channel event: start a burst when the request line allows, or move one beat.
  mutating func runChannel(_ controller: Int, _ physical: Int) {
    var pchan = controllers[controller].physicalChannels[physical]
    guard let channel = pchan.virtualChannel,
      let id = controllers[controller].virtualChannels[channel].active,
      var descriptor = controllers[controller].virtualChannels[channel].descriptors[id],
      let config = controllers[controller].virtualChannels[channel].config
    else { return }
    let peripheralIndex = peripherals.firstIndex {
      $0.name == controllers[controller].virtualChannels[channel].peripheral
    }
    let width = max(config.dstAddrWidth, 1)
    let name = "\(controllers[controller].name) ch\(physical)"
    if pchan.beatsLeftInBurst == 0 {
      if let index = peripheralIndex, !peripherals[index].requestAsserted {
        pchan.state = .waitingForRequest
        controllers[controller].physicalChannels[physical] = pchan
        log(
          .hardware, "drq",
          "\(name): DRQ \(controllers[controller].virtualChannels[channel].requestLine) low "
            + "(\(peripherals[index].name) FIFO has \(peripherals[index].freeSpace) bytes free) "
            + "→ channel waits")
        return
      }
      let remainingBeats = Int((descriptor.residue + UInt64(width) - 1) / UInt64(width))
      pchan.beatsLeftInBurst = min(max(config.dstMaxBurst, 1), remainingBeats)
      pchan.state = .busy
    }
    // One beat: read `width` bytes from memory through the bus and push them into the FIFO.
    let offset = descriptor.transferred
    let count = Int(min(UInt64(width), descriptor.residue))
    let busAddress = (descriptor.segments.first?.address ?? DMAAddr(0)).advanced(by: offset)
    let physicalAddress = PhysAddr(busAddress.rawValue)
    let device = peripheralIndex.map { peripherals[$0].spec }
    let bytes = deviceRead(physicalAddress, count: count, coherent: device?.coherent ?? false)
    lastTouch.physical.append(
      MemoryRegion(name: "dma read", base: physicalAddress.rawValue, size: UInt64(count)))
    lastTouch.descriptors.append(id)
    descriptor.transferred += UInt64(count)
    pchan.beatsLeftInBurst -= 1
    pchan.beatsMoved += 1
    controllers[controller].virtualChannels[channel].descriptors[id] = descriptor
    var fifoText = ""
    if let index = peripheralIndex {
      peripherals[index].fifo += bytes
      fifoText =
        " → \(peripherals[index].name) FIFO (\(peripherals[index].fifo.count)/"
        + "\(peripherals[index].spec.fifo?.depth ?? 0))"
      if !peripherals[index].shifting, let fifo = peripherals[index].spec.fifo {
        peripherals[index].shifting = true
        agenda.schedule(.shift(peripheral: index), at: clock + UInt64(fifo.ticksPerWord))
      }
    }
    log(
      .hardware, "beat",
      "\(name): beat \(pchan.beatsMoved): \(count) bytes from \(physicalAddress.hex) "
        + "\(ByteText.quoted(bytes))\(fifoText), residue \(descriptor.residue)",
      addresses: [
        LogAddress("dma_addr", busAddress.rawValue), LogAddress("phys", physicalAddress.rawValue),
      ])
    if descriptor.residue == 0 {
      pchan.state = .interruptPending
      pchan.beatsLeftInBurst = 0
      agenda.schedule(.interrupt(controller: controller, physical: physical), at: clock + 1)
    } else {
      agenda.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
    }
    controllers[controller].physicalChannels[physical] = pchan
  }

  /// What a device reads from RAM: a coherent device snoops the cache, a non-coherent one does not.
  func deviceRead(_ address: PhysAddr, count: Int, coherent: Bool) -> [UInt8] {
    (0..<count).map { index in
      let at = address.advanced(by: UInt64(index))
      return coherent ? cache.peek(at, ram: ram) : ram.byte(at: at)
    }
  }

  /// A peripheral shifts one word out of its FIFO onto its wire and re-evaluates DRQ.
  mutating func shiftOut(_ index: Int) {
    guard let fifo = peripherals[index].spec.fifo, !peripherals[index].fifo.isEmpty else {
      peripherals[index].shifting = false
      return
    }
    let wasAsserted = peripherals[index].requestAsserted
    let word = Array(peripherals[index].fifo.prefix(fifo.width))
    peripherals[index].fifo.removeFirst(word.count)
    peripherals[index].emit(word)
    let name = peripherals[index].name
    log(
      .hardware, "shift",
      "\(name): shifted out \(ByteText.quoted(word)) (FIFO \(peripherals[index].fifo.count)/"
        + "\(fifo.depth))")
    if peripherals[index].fifo.isEmpty {
      peripherals[index].shifting = false
    } else {
      agenda.schedule(.shift(peripheral: index), at: clock + UInt64(fifo.ticksPerWord))
    }
    guard !wasAsserted, peripherals[index].requestAsserted else { return }
    for controller in controllers.indices {
      for physical in controllers[controller].physicalChannels.indices
      where controllers[controller].physicalChannels[physical].state == .waitingForRequest {
        guard let channel = controllers[controller].physicalChannels[physical].virtualChannel,
          controllers[controller].virtualChannels[channel].peripheral == name
        else { continue }
        controllers[controller].physicalChannels[physical].state = .busy
        log(
          .hardware, "drq",
          "\(name): DRQ \(controllers[controller].virtualChannels[channel].requestLine) "
            + "asserted (\(peripherals[index].freeSpace) bytes free) → \(controllers[controller].name) "
            + "ch\(physical) resumes")
        agenda.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
      }
    }
  }

  /// The controller's interrupt handler: `vchan_cookie_complete` and start the next descriptor.
  mutating func handleInterrupt(_ controller: Int, _ physical: Int) {
    guard let channel = controllers[controller].physicalChannels[physical].virtualChannel else {
      return
    }
    var vchan = controllers[controller].virtualChannels[channel]
    guard let id = vchan.active, let cookie = vchan.descriptors[id]?.cookie else { return }
    vchan.active = nil
    vchan.completedCookie = cookie
    vchan.descriptors[id]?.cookie = 0
    vchan.completed.append(id)
    let schedule = !vchan.taskletScheduled
    vchan.taskletScheduled = true
    controllers[controller].virtualChannels[channel] = vchan
    controllers[controller].physicalChannels[physical].state = .idle
    lastTouch.descriptors.append(id)
    lastTouch.completedDescriptors.append(id)
    log(
      .hardware, "irq",
      "\(controllers[controller].name): IRQ for channel \(physical) → vchan_cookie_complete: "
        + "txd d\(id)[\(Hex.prefixed(UInt64(cookie)))]: marked complete → desc_completed, "
        + "completed_cookie = \(cookie), tasklet scheduled")
    if schedule {
      agenda.schedule(.tasklet(controller: controller, channel: channel), at: clock + 1)
    }
    if controllers[controller].virtualChannels[channel].issued.isEmpty {
      controllers[controller].physicalChannels[physical].virtualChannel = nil
      controllers[controller].virtualChannels[channel].physicalChannel = nil
    } else {
      startNext(controller, channel)
    }
  }

  /// `vchan_complete`: run each completed descriptor's callback, then free or recycle it.
  mutating func runTasklet(_ controller: Int, _ channel: Int) {
    var vchan = controllers[controller].virtualChannels[channel]
    vchan.taskletScheduled = false
    let done = vchan.completed
    vchan.completed = []
    var notes: [String] = []
    for id in done {
      guard let descriptor = vchan.descriptors[id] else { continue }
      let cookie = descriptor.assignedCookie
      if descriptor.hasCallback {
        cpu.completions.append(cookie)
        notes.append("callback(txd d\(id), \(descriptor.result.kernelName)) → complete(&done)")
        if cpu.waiting == .completion(cookie) {
          cpu.waiting = nil
          agenda.schedule(.cpu, at: clock + 1)
        }
      }
      if descriptor.flags.contains(.ctrlReuse) {
        vchan.allocated.insert(id, at: 0)
        notes.append("txd d\(id) reusable → head of desc_allocated")
      } else {
        vchan.descriptors[id] = nil
        notes.append("txd d\(id) freed (desc_free)")
      }
      lastTouch.descriptors.append(id)
    }
    controllers[controller].virtualChannels[channel] = vchan
    log(.kernel, "vchan_complete", "\(vchan.name) tasklet: " + notes.joined(separator: "; "))
  }
}
