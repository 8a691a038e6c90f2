extension DMAEngine {
  /// Moves one beat of a descriptor and returns what the log says about it. The plan's
  /// addresses are bus addresses; the channel's master (the peripheral, else the controller)
  /// translates them through its IOMMU or its `dma-ranges` offset. A beat the IOMMU faults
  /// is a bus error: nothing moves, and the descriptor's result says which side failed.
  mutating func moveBeat(
    _ controller: Int, _ channel: Int, _ id: Int, width: Int, peripheral: Int?,
    channel pchan: inout PhysicalChannel, clock: UInt64, bus: inout some DMABus
  ) -> (text: String, addresses: [LogAddress], fault: TransferResult?) {
    guard var descriptor = controllers[controller].virtualChannels[channel].descriptors[id]
    else { return ("", [], nil) }
    let plan = Self.beatPlan(descriptor, pchan, width: width)
    let master = bus.master(controller: controllers[controller].name, peripheral: peripheral)
    let source = plan.source.map {
      Translated(
        bus.translate(DMAAddr($0.rawValue), count: plan.count, write: false, master: master))
    }
    let target = plan.destination.map {
      Translated(
        bus.translate(DMAAddr($0.rawValue), count: plan.count, write: true, master: master))
    }
    var bytes: [UInt8] = []
    if let pieces = source?.pieces {
      bytes = pieces.flatMap {
        bus.deviceRead($0.physical, count: $0.count, coherent: master.coherent)
      }
      for piece in pieces {
        bus.touched(
          MemoryRegion(name: "dma", base: piece.physical.rawValue, size: UInt64(piece.count)))
      }
    } else if source == nil, let peripheral {
      bytes = bus.receive(peripheral: peripheral, count: plan.count)
    }
    let faulted = source?.pieces == nil && source != nil || target?.pieces == nil && target != nil
    let address = (plan.source ?? plan.destination).map(\.rawValue) ?? 0
    let from = source?.first.hex ?? ""
    let to = target?.first.hex ?? ""
    var text: String
    switch (source, target) {
    case _ where faulted:
      // The SMMU terminates the transaction and the master sees a bus error: the read side
      // (DMA_TRANS_READ_FAILED) or the write side (DMA_TRANS_WRITE_FAILED).
      descriptor.result = source != nil && source?.pieces == nil ? .readFailed : .writeFailed
      text =
        "\(plan.count) bytes at \(DMAAddr(address).hex): bus error (IOMMU fault), the "
        + "controller aborts the transfer"
    case (.some, .some(let target)):
      memoryWrite(controller, &pchan, target.pieces ?? [], bytes, master, clock, &bus)
      text = "\(plan.count) bytes \(from) → \(to) \(ByteText.quoted(bytes))"
    case (nil, .some(let target)):
      memoryWrite(controller, &pchan, target.pieces ?? [], bytes, master, clock, &bus)
      text =
        "\(bytes.count) bytes \(master.device ?? "?") RX FIFO → \(to) \(ByteText.quoted(bytes))"
    case (.some, nil):
      text = "\(plan.count) bytes from \(from) \(ByteText.quoted(bytes))"
      if let peripheral { text += " → " + bus.transmit(peripheral: peripheral, bytes: bytes) }
    case (nil, nil): text = "nothing to move"
    }
    if !faulted {
      descriptor.transferred += UInt64(plan.count)
      pchan.lliMoved += UInt64(plan.count)
    }
    controllers[controller].virtualChannels[channel].descriptors[id] = descriptor
    if !descriptor.kind.isCyclic { text += ", residue \(descriptor.residue)" }
    let physical =
      (source ?? target)?.pieces?.first?.physical.rawValue ?? address &+ master.offset
    return (
      text, [LogAddress(.dmaAddr, address), LogAddress(.phys, physical)],
      faulted ? descriptor.result : nil
    )
  }

  /// A memory-side write from a channel over translated pieces: straight to RAM, or posted
  /// when the controller's writes take time to land.
  private mutating func memoryWrite(
    _ controller: Int, _ pchan: inout PhysicalChannel, _ pieces: [BusPiece], _ bytes: [UInt8],
    _ master: DMABusMaster, _ clock: UInt64, _ bus: inout some DMABus
  ) {
    var at = 0
    for piece in pieces where at < bytes.count {
      let end = min(bytes.count, at + piece.count)
      let chunk = Array(bytes[at..<end])
      at = end
      bus.touched(
        MemoryRegion(name: "dma write", base: piece.physical.rawValue, size: UInt64(chunk.count)))
      let delay = controllers[controller].capabilities.postedWriteTicks
      guard delay > 0 else {
        bus.deviceWrite(piece.physical, bytes: chunk, coherent: master.coherent)
        continue
      }
      let tick = clock + UInt64(delay)
      pchan.postedWrites.append(
        PostedWrite(tick: tick, address: piece.physical, bytes: chunk, coherent: master.coherent))
      bus.schedule(.postedWrite(controller: controller, physical: pchan.index), at: tick)
    }
  }

  /// One side of a beat after bus translation: its physical pieces, or nil on a fault.
  private struct Translated {
    var pieces: [BusPiece]?

    init(_ pieces: [BusPiece]?) { self.pieces = pieces }

    /// The first physical address, for the log.
    var first: PhysAddr { pieces?.first?.physical ?? PhysAddr(0) }
  }
}
