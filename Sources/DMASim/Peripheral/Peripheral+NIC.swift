extension Peripheral {
  // The NIC model: a bus master that walks its TX and RX rings in memory, one transaction per
  // event. `Machine` lends the peripheral out and passes itself as the bus (`withPeripheral`).

  /// A frame arrives on a NIC's wire and waits for an RX ring entry the NIC owns.
  mutating func receiveFrame(
    _ frame: [UInt8], index: Int, clock: UInt64, bus: inout some DMABus
  ) {
    self.nic?.rxFrames.append(frame)
    bus.log(
      .hardware, "device_receive",
      "\(name): a \(frame.count)-byte frame arrives on the wire")
    wakeNIC(index: index, clock: clock, bus: &bus)
  }

  mutating func wakeNIC(index: Int, clock: UInt64, bus: inout some DMABus) {
    guard self.nic?.running == false else { return }
    self.nic?.running = true
    bus.schedule(.nic(peripheral: index), at: clock + 1)
  }

  /// One bus transaction of the NIC's DMA: read the entry at a ring's head, move a burst of
  /// the frame, or write the status word back and raise the interrupt.
  mutating func runNIC(index: Int, clock: UInt64, bus: inout some DMABus) {
    guard var nic = self.nic, let nicSpec = spec.nic else { return }
    let coherent = spec.coherent
    if var job = nic.job {
      let base = job.ring == .tx ? nic.txRingBase ?? 0 : nic.rxRingBase ?? 0
      let entry = base &+ UInt64(job.index * NICSpec.entrySize)
      let address = UInt64(job.item[0]) + UInt64(job.moved)
      let length = Int(job.item[1])
      if job.ring == .tx, job.moved < length {
        let count = min(nicSpec.burstBytes, length - job.moved)
        let bytes = bus.deviceRead(PhysAddr(address), count: count, coherent: coherent)
        job.frame += bytes
        job.moved += count
        bus.touched(MemoryRegion(name: "dma", base: address, size: UInt64(count)))
        bus.log(
          .hardware, "beat",
          "\(name): TX DMA reads \(count) bytes at \(Hex.prefixed(address)) "
            + ByteText.quoted(bytes), addresses: [LogAddress(.phys, address)])
        nic.job = job
      } else if job.ring == .rx, job.moved < min(length, job.frame.count) {
        let count = min(nicSpec.burstBytes, min(length, job.frame.count) - job.moved)
        let bytes = Array(job.frame[job.moved..<job.moved + count])
        bus.deviceWrite(PhysAddr(address), bytes: bytes, coherent: coherent)
        job.moved += count
        bus.touched(MemoryRegion(name: "dma write", base: address, size: UInt64(count)))
        bus.log(
          .hardware, "beat",
          "\(name): RX DMA writes \(count) bytes at \(Hex.prefixed(address)) "
            + ByteText.quoted(bytes), addresses: [LogAddress(.phys, address)])
        nic.job = job
      } else {
        // Write back the status word: OWN cleared, the byte count in bits 0-15.
        let status = UInt32(job.moved & 0xffff)
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: status >> (8 * UInt32($0))) }
        bus.deviceWrite(PhysAddr(entry &+ 12), bytes: bytes, coherent: coherent)
        nic.interrupts += 1
        var note = ""
        if job.ring == .tx {
          nic.sent.append(job.frame)
          emit(job.frame)
          nic.txHead = (job.index + 1) % nicSpec.ringEntries
          note = "frame \(ByteText.quoted(job.frame)) on the wire"
        } else {
          nic.rxHead = (job.index + 1) % nicSpec.ringEntries
          note =
            job.frame.count > length
            ? "frame truncated to the \(length)-byte buffer" : "frame delivered"
        }
        nic.job = nil
        bus.touched(MemoryRegion(name: "dma write", base: entry &+ 12, size: 4))
        bus.log(
          .hardware, "irq",
          "\(name): \(job.ring.rawValue) entry \(job.index) done: status \(Hex.prefixed(UInt64(status))) "
            + "written back (OWN cleared); \(note); \(job.ring.rawValue) interrupt")
      }
      self.nic = nic
      bus.schedule(.nic(peripheral: index), at: clock + 1)
      return
    }
    // Between entries: TX first if a doorbell asked, then RX if a frame waits.
    if nic.txKicked, let base = nic.txRingBase {
      self.nic = nic
      fetchRingEntry(.tx, base: base, head: nic.txHead, index: index, clock: clock, bus: &bus)
      return
    }
    if !nic.rxFrames.isEmpty, let base = nic.rxRingBase {
      self.nic = nic
      fetchRingEntry(.rx, base: base, head: nic.rxHead, index: index, clock: clock, bus: &bus)
      return
    }
    nic.running = false
    self.nic = nic
  }

  /// The NIC reads one ring entry through the bus and takes it if it owns it.
  private mutating func fetchRingEntry(
    _ ring: RingKind, base: UInt64, head: Int, index: Int, clock: UInt64, bus: inout some DMABus
  ) {
    guard var nic = self.nic else { return }
    // Ring addresses wrap at 2^64 like the NIC's address adder (a base of
    // DMA_MAPPING_ERROR is a driver bug the model must survive, not a trap).
    let entry = base &+ UInt64(head * NICSpec.entrySize)
    let bytes = bus.deviceRead(
      PhysAddr(entry), count: NICSpec.entrySize, coherent: spec.coherent)
    let item = LinkedListItem(bytes: bytes)
    let words = [item.source, item.destination, item.next, item.control]
    let owned = item.control & NICSpec.own != 0
    bus.touched(MemoryRegion(name: "desc fetch", base: entry, size: UInt64(NICSpec.entrySize)))
    bus.log(
      .hardware, "desc fetch",
      "\(name): \(ring.rawValue) entry \(head) at \(Hex.prefixed(entry)): addr "
        + "\(Hex.prefixed(UInt64(words[0]))) len \(words[1]) status "
        + "\(Hex.prefixed(UInt64(words[3]))) → "
        + (owned
          ? "OWN set: the NIC takes it"
          : (ring == .tx
            ? "OWN clear: TX stops until the next doorbell"
            : "OWN clear: no buffer, the frame waits for the driver")),
      addresses: [LogAddress(.phys, entry)])
    if owned {
      var frame: [UInt8] = []
      if ring == .rx { frame = nic.rxFrames.removeFirst() }
      nic.job = NICState.Job(ring: ring, index: head, item: words, moved: 0, frame: frame)
      self.nic = nic
      bus.schedule(.nic(peripheral: index), at: clock + 1)
      return
    }
    if ring == .tx { nic.txKicked = false }
    nic.running = false
    self.nic = nic
    if ring == .tx, !nic.rxFrames.isEmpty, nic.rxRingBase != nil {
      wakeNIC(index: index, clock: clock, bus: &bus)
    }
  }
}
