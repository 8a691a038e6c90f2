/// What a block device asks of the machine after a data command.
enum MMCDataPhase: Hashable, Sendable {
  /// Nothing: the command was refused.
  case none
  /// A read: the card streams these bytes into the receive FIFO.
  case stream([UInt8])
  /// A write: the data phase is open and the transmit FIFO may shift into the medium.
  case shift
}

extension Peripheral {
  /// The MMC card's side of a data command (`mmc_send_cmd`). A read returns the blocks the card
  /// streams into the host's receive FIFO (its request line rises as the FIFO fills); a write
  /// opens the data phase, so the transmit FIFO drains into the medium.
  mutating func mmcCommand(
    _ opcode: MMCOpcode, lba: UInt64, blocks: UInt64, bus: inout some DMABus
  ) -> MMCDataPhase {
    guard let spec = spec.block, medium != nil else {
      bus.log(.debug, "mmc_send_cmd", "\(name) is not a block device")
      return .none
    }
    let count = opcode == .readSingleBlock || opcode == .writeBlock ? 1 : blocks
    guard count > 0, lba + count <= UInt64(spec.blockCount) else {
      bus.log(
        .kernel, "mmc_send_cmd",
        "\(name): CMD\(opcode.rawValue) \(opcode.kernelName) lba \(lba), \(count) block(s): "
          + "beyond the \(spec.blockCount)-block medium = -EIO (R1 ADDRESS_ERROR)")
      return .none
    }
    let start = Int(lba) * spec.blockSize
    let length = Int(count) * spec.blockSize
    if opcode.isRead {
      let bytes = Array(medium?.bytes[start..<start + length] ?? [])
      bus.log(
        .kernel, "mmc_send_cmd",
        "\(name): CMD\(opcode.rawValue) \(opcode.kernelName) arg \(lba), \(count) block(s) of "
          + "\(spec.blockSize): the card streams \(length) bytes into the data FIFO")
      return .stream(bytes)
    }
    medium?.writeCursor = start
    medium?.writeRemaining = length
    bus.log(
      .kernel, "mmc_send_cmd",
      "\(name): CMD\(opcode.rawValue) \(opcode.kernelName) arg \(lba), \(count) block(s) of "
        + "\(spec.blockSize): data phase open, the FIFO drains into the card")
    return .shift
  }

  /// Whether the transmit FIFO may shift: a block device's only during a write's data phase.
  var canShift: Bool {
    guard let medium else { return true }
    return medium.writeRemaining > 0
  }

  /// A word shifted out of a block device's FIFO lands on the medium.
  mutating func storeOnMedium(_ word: [UInt8], bus: inout some DMABus) {
    guard var medium, let cursor = medium.writeCursor else { return }
    let kept = Array(word.prefix(medium.writeRemaining))
    medium.bytes.replaceSubrange(cursor..<cursor + kept.count, with: kept)
    medium.writeCursor = cursor + kept.count
    medium.writeRemaining -= kept.count
    self.medium = medium
    if medium.writeRemaining == 0 {
      medium.writeCursor = nil
      self.medium = medium
      bus.log(.hardware, "data end", "\(name): last byte of the write is on the card (DATAEND)")
    }
  }
}
