import Testing

@testable import DMASim

/// The device models alone: a NIC walking its TX ring and an MMC card's data commands, each a
/// `Peripheral` driven with a fake bus (no machine, board file or scenario).
@Suite struct DeviceModelTests {
  static func nic() -> Peripheral {
    Peripheral(
      spec: DeviceSpec(
        name: "eth0", compatible: "test,nic", driverName: "nic", kernelName: "eth0",
        coherent: false, dmaMaskBits: 32, fifo: nil, dmas: [],
        nic: NICSpec(ringEntries: 4, burstBytes: 4)))
  }

  static func card() -> Peripheral {
    Peripheral(
      spec: DeviceSpec(
        name: "mmc0", compatible: "test,mmc", driverName: "mmci", kernelName: "mmc0",
        coherent: false, dmaMaskBits: 32, fifo: nil, dmas: [],
        block: BlockDeviceSpec(blockSize: 512, blockCount: 4)))
  }

  /// Little-endian 32-bit words.
  static func words(_ values: [UInt32]) -> [UInt8] {
    values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
  }

  @Test func nicSendsTheFrameItOwnsAndStopsAtTheFirstEntryItDoesNot() {
    var bus = FakeDMABus()
    // Entry 0 at 0x1000: buffer 0x2000, 6 bytes, OWN set; entry 1 is the CPU's (OWN clear).
    bus.store(Self.words([0x2000, 6, 0, NICSpec.own]), at: 0x1000)
    bus.store(Array("frame!".utf8), at: 0x2000)
    var nic = Self.nic()
    nic.nic?.txRingBase = 0x1000
    nic.nic?.txKicked = true
    nic.wakeNIC(index: 0, clock: 0, bus: &bus)
    var events = 0
    while nic.nic?.running == true, events < 20 {
      nic.runNIC(index: 0, clock: UInt64(events), bus: &bus)
      events += 1
    }
    #expect(nic.nic?.sent == [Array("frame!".utf8)])
    #expect(nic.output == Array("frame!".utf8))
    #expect(nic.nic?.txHead == 1)
    #expect(nic.nic?.txKicked == false)
    #expect(nic.nic?.interrupts == 1)
    // The status word of entry 0 is written back with OWN cleared and the byte count.
    #expect(bus.deviceRead(PhysAddr(0x100c), count: 4, coherent: false) == Self.words([6]))
    // Fetch entry 0, two 4-byte bursts, the write-back, fetch entry 1 (not owned): 5 events.
    #expect(events == 5)
    #expect(bus.logged.last?.contains("OWN clear: TX stops until the next doorbell") == true)
  }

  @Test func mmcReadStreamsTheBlocksAndRefusesBeyondTheMedium() {
    var bus = FakeDMABus()
    var card = Self.card()
    guard case .stream(let bytes) = card.mmcCommand(.readSingleBlock, lba: 1, blocks: 1, bus: &bus)
    else {
      Issue.record("a read streams the block")
      return
    }
    #expect(bytes.count == 512)
    #expect(bytes.prefix(6) == ArraySlice("blk 1 ".utf8))
    #expect(card.mmcCommand(.readMultipleBlock, lba: 3, blocks: 2, bus: &bus) == .none)
    #expect(bus.logged.last?.contains("-EIO (R1 ADDRESS_ERROR)") == true)
  }

  @Test func mmcWriteOpensTheDataPhaseUntilTheLastByteLands() {
    var bus = FakeDMABus()
    var card = Self.card()
    #expect(card.canShift == false)
    #expect(card.mmcCommand(.writeBlock, lba: 2, blocks: 1, bus: &bus) == .shift)
    #expect(card.canShift)
    for _ in 0..<128 { card.storeOnMedium(Array("WXYZ".utf8), bus: &bus) }
    #expect(card.canShift == false)
    #expect(card.medium?.bytes[1024..<1028] == ArraySlice("WXYZ".utf8))
    // The byte before the written block is still block 1's label (its byte 511).
    #expect(card.medium?.bytes[1023] == Array("blk 1 ".utf8)[511 % 6])
    #expect(bus.logged.last == "data end: mmc0: last byte of the write is on the card (DATAEND)")
  }
}
