extension DMAEngine {
  /// The channel reads its next linked-list item through the bus: four words at the address
  /// the previous item's `next` word (or the start register) holds.
  mutating func fetchLLI(
    _ controller: Int, _ physical: Int, _ pchan: inout PhysicalChannel, _ descriptor: Descriptor,
    clock: UInt64, bus: inout some DMABus
  ) {
    let name = "\(controllers[controller].name) ch\(physical)"
    let address = pchan.lli.map { UInt64($0.next) } ?? descriptor.lliAddresses[0].rawValue
    guard address != 0 else {
      bus.log(
        .hardware, "lli fetch",
        "\(name): next LLI pointer is 0 with \(descriptor.residue) bytes of txd \(descriptor.label) "
          + "never moved: the hardware thinks the transfer is done",
        detail: "The channel moves what the LLIs in memory say, not what the driver meant. An "
          + "LLI the device read before the CPU's stores reached RAM ends the chain early.",
        subjects: pchanSubjects(controller, pchan, [descriptor.id]))
      finishDescriptor(controller, physical, &pchan, descriptor, clock: clock, bus: &bus)
      return
    }
    let coherent = bus.isCoherent(device: controllers[controller].name)
    let physicalAddress =
      address &+ bus.master(controller: controllers[controller].name, peripheral: nil).offset
    let bytes = bus.deviceRead(
      PhysAddr(physicalAddress), count: LinkedListItem.size, coherent: coherent)
    let item = LinkedListItem(bytes: bytes)
    pchan.lli = item
    pchan.lliMoved = 0
    pchan.lliFetches += 1
    pchan.state = .busy
    bus.touched(
      MemoryRegion(name: "lli fetch", base: physicalAddress, size: UInt64(LinkedListItem.size)))
    bus.touched(descriptors: [descriptor.id])
    bus.log(
      .hardware, "lli fetch",
      "\(name): LLI \(pchan.lliFetches) of txd \(descriptor.label) read from "
        + "\(Hex.prefixed(address)) in 4 beats: \(item.text) (\(item.length) bytes)",
      addresses: [LogAddress(.dmaAddr, address), LogAddress(.phys, physicalAddress)],
      subjects: pchanSubjects(controller, pchan, [descriptor.id]))
    bus.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
  }
  /// The last beat of a descriptor has left the channel: chain to the next descriptor without
  /// an interrupt (an LLI controller and no `DMA_PREP_INTERRUPT`), or raise the completion
  /// interrupt; either waits for posted writes where the model says so.
  mutating func finishDescriptor(
    _ controller: Int, _ physical: Int, _ pchan: inout PhysicalChannel, _ descriptor: Descriptor,
    clock: UInt64, bus: inout some DMABus
  ) {
    let name = "\(controllers[controller].name) ch\(physical)"
    let vchan = controllers[controller].virtualChannels[pchan.virtualChannel ?? 0]
    let pending = pchan.postedWrites.count
    let chains =
      controllers[controller].capabilities.hardwareLLI
      && !descriptor.flags.contains(.prepInterrupt) && !vchan.issued.isEmpty
    if chains {
      if descriptor.flags.contains(.prepFence), pending > 0 {
        pchan.draining = .fence
        pchan.state = .busy
        bus.log(
          .hardware, "fence",
          "\(name): txd \(descriptor.label) has DMA_PREP_FENCE: the channel waits for its "
            + "\(pending) posted write(s) to land before following the link",
          subjects: pchanSubjects(controller, pchan, [descriptor.id]))
        return
      }
      chainNext(controller, physical, &pchan, clock: clock, bus: &bus)
      return
    }
    if pending > 0 {
      pchan.draining = .interrupt
      pchan.state = .busy
      bus.log(
        .hardware, "drain",
        "\(name): last beat of txd \(descriptor.label) issued; the completion interrupt waits "
          + "for \(pending) posted write(s) to land",
        subjects: pchanSubjects(controller, pchan, [descriptor.id]))
      return
    }
    pchan.state = .interruptPending
    bus.schedule(.interrupt(controller: controller, physical: physical), at: clock + 1)
  }
  /// No interrupt: the hardware follows the link from the finished descriptor's last LLI to
  /// the first LLI of the next issued one. The finished descriptor is complete (its cookie is
  /// done); the driver's next interrupt schedules the tasklet that frees it.
  private mutating func chainNext(
    _ controller: Int, _ physical: Int, _ pchan: inout PhysicalChannel, clock: UInt64,
    bus: inout some DMABus
  ) {
    guard let channel = pchan.virtualChannel else { return }
    var vchan = controllers[controller].virtualChannels[channel]
    guard let id = vchan.active, let cookie = vchan.descriptors[id]?.cookie,
      let next = vchan.issued.first
    else { return }
    let fenced = vchan.descriptors[id]?.flags.contains(.prepFence) == true
    vchan.cookieComplete(id)
    vchan.startNext(on: physical)
    controllers[controller].virtualChannels[channel] = vchan
    pchan.lli = nil
    pchan.lliMoved = 0
    pchan.state = .busy
    bus.touched(descriptors: [id, next])
    bus.touched(completed: [id])
    bus.log(
      .hardware, "link",
      "\(controllers[controller].name) ch\(physical): txd d\(id) done without an interrupt (no "
        + "DMA_PREP_INTERRUPT); completed_cookie = \(cookie); the channel follows the link to "
        + "txd d\(next)"
        + (fenced
          ? " now that every write of d\(id) has landed (DMA_PREP_FENCE)"
          : (pchan.postedWrites.isEmpty
            ? ""
            : " while \(pchan.postedWrites.count) write(s) of d\(id) are still on their way")),
      subjects: Self.txdSubjects(controller, channel, [id, next]) + [
        .cookie(ChannelID(controller: controller, channel: channel), cookie)
      ])
    bus.schedule(.channel(controller: controller, physical: physical), at: clock + 1)
  }
  /// The subjects of an event on a physical channel: its virtual channel and descriptors.
  private func pchanSubjects(_ controller: Int, _ pchan: PhysicalChannel, _ ids: [Int])
    -> [LogSubject]
  {
    pchan.virtualChannel.map { Self.txdSubjects(controller, $0, ids) } ?? []
  }
  /// Posted writes whose time has come land in RAM; a channel that waited for them goes on.
  mutating func landPostedWrites(
    _ controller: Int, _ physical: Int, clock: UInt64, bus: inout some DMABus
  ) {
    var pchan = controllers[controller].physicalChannels[physical]
    let due = pchan.postedWrites.prefix { $0.tick <= clock }
    guard !due.isEmpty else { return }
    pchan.postedWrites.removeFirst(due.count)
    for write in due {
      bus.deviceWrite(write.address, bytes: write.bytes, coherent: write.coherent)
      bus.touched(
        MemoryRegion(
          name: "dma write", base: write.address.rawValue, size: UInt64(write.bytes.count)))
    }
    let first = due.first?.address ?? PhysAddr(0)
    bus.log(
      .hardware, "write lands",
      "\(controllers[controller].name) ch\(physical): \(due.reduce(0) { $0 + $1.bytes.count }) "
        + "bytes reach RAM at \(first.hex) (\(pchan.postedWrites.count) write(s) still posted)",
      addresses: [LogAddress(.phys, first.rawValue)])
    if pchan.postedWrites.isEmpty, let drain = pchan.draining {
      pchan.draining = nil
      switch drain {
      case .interrupt:
        pchan.state = .interruptPending
        bus.schedule(.interrupt(controller: controller, physical: physical), at: clock + 1)
      case .fence:
        if pchan.virtualChannel != nil {
          chainNext(controller, physical, &pchan, clock: clock, bus: &bus)
        }
      }
    }
    controllers[controller].physicalChannels[physical] = pchan
  }
}
