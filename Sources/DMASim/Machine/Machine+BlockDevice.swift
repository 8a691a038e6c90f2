extension Machine {
  /// The MMC host driver sends a data command. A read makes the card stream the blocks into
  /// the host's receive FIFO (its request line rises as the FIFO fills); a write opens the
  /// data phase, so the transmit FIFO drains into the medium.
  mutating func mmcCommand(_ device: String, _ opcode: MMCOpcode, lba: UInt64, blocks: UInt64) {
    guard let index = peripherals.firstIndex(where: { $0.name == device }),
      let spec = peripherals[index].spec.block, peripherals[index].medium != nil
    else {
      log(.debug, "mmc_send_cmd", "\(device) is not a block device")
      return
    }
    let count = opcode == .readSingleBlock || opcode == .writeBlock ? 1 : blocks
    guard count > 0, lba + count <= UInt64(spec.blockCount) else {
      log(
        .kernel, "mmc_send_cmd",
        "\(device): CMD\(opcode.rawValue) \(opcode.kernelName) lba \(lba), \(count) block(s): "
          + "beyond the \(spec.blockCount)-block medium = -EIO (R1 ADDRESS_ERROR)")
      return
    }
    let start = Int(lba) * spec.blockSize
    let length = Int(count) * spec.blockSize
    if opcode.isRead {
      let bytes = Array(peripherals[index].medium?.bytes[start..<start + length] ?? [])
      log(
        .kernel, "mmc_send_cmd",
        "\(device): CMD\(opcode.rawValue) \(opcode.kernelName) arg \(lba), \(count) block(s) of "
          + "\(spec.blockSize): the card streams \(length) bytes into the data FIFO")
      receive(device, bytes)
    } else {
      peripherals[index].medium?.writeCursor = start
      peripherals[index].medium?.writeRemaining = length
      log(
        .kernel, "mmc_send_cmd",
        "\(device): CMD\(opcode.rawValue) \(opcode.kernelName) arg \(lba), \(count) block(s) of "
          + "\(spec.blockSize): data phase open, the FIFO drains into the card")
      startShifting(index)
    }
  }

  /// A block device's transmit FIFO shifts only during a write's data phase.
  func canShift(_ index: Int) -> Bool {
    guard let medium = peripherals[index].medium else { return true }
    return medium.writeRemaining > 0
  }

  /// A word shifted out of a block device's FIFO lands on the medium.
  mutating func storeOnMedium(_ index: Int, _ word: [UInt8]) {
    guard var medium = peripherals[index].medium, let cursor = medium.writeCursor else { return }
    let kept = Array(word.prefix(medium.writeRemaining))
    medium.bytes.replaceSubrange(cursor..<cursor + kept.count, with: kept)
    medium.writeCursor = cursor + kept.count
    medium.writeRemaining -= kept.count
    peripherals[index].medium = medium
    if medium.writeRemaining == 0 {
      medium.writeCursor = nil
      peripherals[index].medium = medium
      log(
        .hardware, "data end",
        "\(peripherals[index].name): last byte of the write is on the card (DATAEND)")
    }
  }
}
