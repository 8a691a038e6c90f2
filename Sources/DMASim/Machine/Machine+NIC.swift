extension Machine {
  /// `writel(value, regs + REG)`: program a ring's base or ring a doorbell. On arm64 `writel`
  /// is `__iowmb()` then `writel_relaxed()`: stores the CPU made earlier to memory reach the
  /// device before the register write does.
  mutating func writel(_ device: String, _ register: DeviceRegister, _ operand: Operand) {
    guard let index = peripherals.firstIndex(where: { $0.name == device }),
      peripherals[index].nic != nil
    else {
      log(.debug, "writel", "\(device) has no \(register.kernelName) register")
      return
    }
    guard let value = resolve(operand, for: "writel") else { return }
    drainWriteBuffer(by: "writel", instruction: "__iowmb(): dmb oshst")
    let number: UInt64
    switch value {
    case .dmaAddress(let address): number = address.rawValue
    case .integer(let integer): number = UInt64(bitPattern: integer)
    default:
      log(.debug, "writel", "\(operand.text) is \(value.text): a register takes a number")
      return
    }
    log(
      .kernel, "writel",
      "writel(\(Hex.prefixed(number)), \(device) + \(register.kernelName)): __iowmb() then the "
        + "register store")
    switch register {
    case .txRingBase:
      peripherals[index].nic?.txRingBase = number
      peripherals[index].nic?.txHead = 0
    case .rxRingBase:
      peripherals[index].nic?.rxRingBase = number
      peripherals[index].nic?.rxHead = 0
    case .txDoorbell:
      peripherals[index].nic?.txKicked = true
      wakeNIC(index)
    case .rxDoorbell: wakeNIC(index)
    }
  }

  /// `desc->field = cpu_to_le32(value)`: four little-endian bytes through the CPU's mapping.
  mutating func cpuWriteLE32(_ pointer: Operand, offset: UInt64, value operand: Operand) {
    guard let value = resolve(operand, for: "cpu_write_le32") else { return }
    let number: UInt64
    switch value {
    case .dmaAddress(let address): number = address.rawValue
    case .integer(let integer): number = UInt64(bitPattern: integer)
    default:
      log(
        .debug, "cpu_write_le32", "\(operand.text) is \(value.text): a 32-bit field takes a number")
      return
    }
    if number > UInt64(UInt32.max) {
      log(
        .debug, "cpu_write_le32",
        "\(Hex.prefixed(number)) does not fit 32 bits: the field keeps only the low half")
    }
    let word = UInt32(truncatingIfNeeded: number)
    cpuWrite(
      pointer, offset: offset,
      bytes: (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) })
  }

  /// A frame arrives on a NIC's wire and waits for an RX ring entry the NIC owns.
  mutating func receiveFrame(_ index: Int, _ frame: [UInt8]) {
    peripherals[index].nic?.rxFrames.append(frame)
    log(
      .hardware, "device_receive",
      "\(peripherals[index].name): a \(frame.count)-byte frame arrives on the wire")
    wakeNIC(index)
  }

  private mutating func wakeNIC(_ index: Int) {
    guard peripherals[index].nic?.running == false else { return }
    peripherals[index].nic?.running = true
    agenda.schedule(.nic(peripheral: index), at: clock + 1)
  }

  /// One bus transaction of the NIC's DMA: read the entry at a ring's head, move a burst of
  /// the frame, or write the status word back and raise the interrupt.
  mutating func runNIC(_ index: Int) {
    guard var nic = peripherals[index].nic, let spec = peripherals[index].spec.nic else { return }
    let name = peripherals[index].name
    let coherent = peripherals[index].spec.coherent
    if var job = nic.job {
      let base = job.ring == .tx ? nic.txRingBase ?? 0 : nic.rxRingBase ?? 0
      let entry = base &+ UInt64(job.index * NICSpec.entrySize)
      let address = UInt64(job.item[0]) + UInt64(job.moved)
      let length = Int(job.item[1])
      if job.ring == .tx, job.moved < length {
        let count = min(spec.burstBytes, length - job.moved)
        let bytes = deviceRead(PhysAddr(address), count: count, coherent: coherent)
        job.frame += bytes
        job.moved += count
        run.lastTouch.physical.append(MemoryRegion(name: "dma", base: address, size: UInt64(count)))
        log(
          .hardware, "beat",
          "\(name): TX DMA reads \(count) bytes at \(Hex.prefixed(address)) "
            + ByteText.quoted(bytes), addresses: [LogAddress(.phys, address)])
        nic.job = job
      } else if job.ring == .rx, job.moved < min(length, job.frame.count) {
        let count = min(spec.burstBytes, min(length, job.frame.count) - job.moved)
        let bytes = Array(job.frame[job.moved..<job.moved + count])
        deviceWrite(PhysAddr(address), bytes: bytes, coherent: coherent)
        job.moved += count
        run.lastTouch.physical.append(
          MemoryRegion(name: "dma write", base: address, size: UInt64(count)))
        log(
          .hardware, "beat",
          "\(name): RX DMA writes \(count) bytes at \(Hex.prefixed(address)) "
            + ByteText.quoted(bytes), addresses: [LogAddress(.phys, address)])
        nic.job = job
      } else {
        // Write back the status word: OWN cleared, the byte count in bits 0-15.
        let status = UInt32(job.moved & 0xffff)
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: status >> (8 * UInt32($0))) }
        deviceWrite(PhysAddr(entry &+ 12), bytes: bytes, coherent: coherent)
        nic.interrupts += 1
        var note = ""
        if job.ring == .tx {
          nic.sent.append(job.frame)
          peripherals[index].emit(job.frame)
          nic.txHead = (job.index + 1) % spec.ringEntries
          note = "frame \(ByteText.quoted(job.frame)) on the wire"
        } else {
          nic.rxHead = (job.index + 1) % spec.ringEntries
          note =
            job.frame.count > length
            ? "frame truncated to the \(length)-byte buffer" : "frame delivered"
        }
        nic.job = nil
        run.lastTouch.physical.append(MemoryRegion(name: "dma write", base: entry &+ 12, size: 4))
        log(
          .hardware, "irq",
          "\(name): \(job.ring.rawValue) entry \(job.index) done: status \(Hex.prefixed(UInt64(status))) "
            + "written back (OWN cleared); \(note); \(job.ring.rawValue) interrupt")
      }
      peripherals[index].nic = nic
      agenda.schedule(.nic(peripheral: index), at: clock + 1)
      return
    }
    // Between entries: TX first if a doorbell asked, then RX if a frame waits.
    if nic.txKicked, let base = nic.txRingBase {
      peripherals[index].nic = nic
      fetchRingEntry(index, .tx, base: base, head: nic.txHead)
      return
    }
    if !nic.rxFrames.isEmpty, let base = nic.rxRingBase {
      peripherals[index].nic = nic
      fetchRingEntry(index, .rx, base: base, head: nic.rxHead)
      return
    }
    nic.running = false
    peripherals[index].nic = nic
  }

  /// The NIC reads one ring entry through the bus and takes it if it owns it.
  private mutating func fetchRingEntry(_ index: Int, _ ring: RingKind, base: UInt64, head: Int) {
    guard var nic = peripherals[index].nic else { return }
    let name = peripherals[index].name
    // Ring addresses wrap at 2^64 like the NIC's address adder (a base of
    // DMA_MAPPING_ERROR is a driver bug the model must survive, not a trap).
    let entry = base &+ UInt64(head * NICSpec.entrySize)
    let bytes = deviceRead(
      PhysAddr(entry), count: NICSpec.entrySize, coherent: peripherals[index].spec.coherent)
    let item = LinkedListItem(bytes: bytes)
    let words = [item.source, item.destination, item.next, item.control]
    let owned = item.control & NICSpec.own != 0
    run.lastTouch.physical.append(
      MemoryRegion(name: "desc fetch", base: entry, size: UInt64(NICSpec.entrySize)))
    log(
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
      peripherals[index].nic = nic
      agenda.schedule(.nic(peripheral: index), at: clock + 1)
      return
    }
    if ring == .tx { nic.txKicked = false }
    nic.running = false
    peripherals[index].nic = nic
    if ring == .tx, !nic.rxFrames.isEmpty, nic.rxRingBase != nil { wakeNIC(index) }
  }
}
