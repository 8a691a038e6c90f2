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

  /// Lends peripheral `index` out with the machine as its bus: the device model runs as a
  /// method of `Peripheral` (its NIC rings, its medium). The bus side never reads that
  /// peripheral while it is lent (the NIC's bus calls reach memory, the log and the agenda).
  mutating func withPeripheral<Result>(
    _ index: Int, _ body: (inout Peripheral, inout Machine) -> Result
  ) -> Result {
    var lent = peripherals[index]
    let result = body(&lent, &self)
    peripherals[index] = lent
    return result
  }

  /// A frame arrives on NIC `index`'s wire (`Peripheral.receiveFrame`).
  mutating func receiveFrame(_ index: Int, _ frame: [UInt8]) {
    let clock = clock
    withPeripheral(index) { $0.receiveFrame(frame, index: index, clock: clock, bus: &$1) }
  }

  /// Wakes NIC `index`'s DMA if it is idle (`Peripheral.wakeNIC`).
  mutating func wakeNIC(_ index: Int) {
    let clock = clock
    withPeripheral(index) { $0.wakeNIC(index: index, clock: clock, bus: &$1) }
  }

  /// One bus transaction of NIC `index` (`Peripheral.runNIC`).
  mutating func runNIC(_ index: Int) {
    let clock = clock
    withPeripheral(index) { $0.runNIC(index: index, clock: clock, bus: &$1) }
  }

  /// The MMC host driver sends a data command (`Peripheral.mmcCommand`); a read streams the
  /// card's blocks into the receive FIFO, a write starts the transmit shifter.
  mutating func mmcCommand(_ device: String, _ opcode: MMCOpcode, lba: UInt64, blocks: UInt64) {
    guard let index = peripherals.firstIndex(where: { $0.name == device }) else {
      log(.debug, "mmc_send_cmd", "\(device) is not a block device")
      return
    }
    let phase = withPeripheral(index) {
      $0.mmcCommand(opcode, lba: lba, blocks: blocks, bus: &$1)
    }
    switch phase {
    case .none: break
    case .stream(let bytes): receive(device, bytes)
    case .shift: startShifting(index)
    }
  }

  /// A word shifted out of block device `index`'s FIFO lands on its medium.
  mutating func storeOnMedium(_ index: Int, _ word: [UInt8]) {
    withPeripheral(index) { $0.storeOnMedium(word, bus: &$1) }
  }
}
