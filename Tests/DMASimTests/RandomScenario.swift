@testable import DMASim

/// Random but valid driver code for the soak test: interleaved transactions on the soc
/// board's channels, each one allocating, filling, mapping, transferring (or stopping the
/// transfer part-way) and releasing, with the odd pause, sync, receive and idle period.
struct RandomScenario: ProgramWriting {
  var random: SplitMix64
  var actions: [Action] = []
  var counter = 0

  init(seed: UInt64) { random = SplitMix64(seed: seed) }

  /// A program of about `transactions` transactions.
  mutating func program(transactions: Int) -> Program {
    actions = [
      Action(operation: .dmaRequestChan(device: "uart0", name: "tx"), result: "utx"),
      Action(
        operation: .dmaengineSlaveConfig(
          channel: .variable("utx"), config: SlaveConfig(dstAddrWidth: 1, dstMaxBurst: 4))),
      Action(operation: .dmaRequestChan(device: "uart0", name: "rx"), result: "urx"),
      Action(
        operation: .dmaengineSlaveConfig(
          channel: .variable("urx"), config: SlaveConfig(srcAddrWidth: 1, srcMaxBurst: 4))),
      Action(operation: .dmaRequestChan(device: "spi0", name: "tx"), result: "stx"),
      Action(
        operation: .dmaengineSlaveConfig(
          channel: .variable("stx"), config: SlaveConfig(dstAddrWidth: 4, dstMaxBurst: 4))),
      Action(operation: .dmaRequestChan(device: "i2s0", name: "tx"), result: "i2s"),
      Action(
        operation: .dmaengineSlaveConfig(
          channel: .variable("i2s"), config: SlaveConfig(dstAddrWidth: 4, dstMaxBurst: 8))),
      Action(operation: .dmaRequestChanByMask(capability: "DMA_MEMCPY"), result: "mem"),
    ]
    for _ in 0..<transactions { transaction() }
    return Program(title: "soak", actions: actions)
  }

  private mutating func transaction() {
    let size = pick(1...8) * 64 + (pick(0...1) == 0 ? 0 : pick(1...63))
    let buffer = name("buf")
    add(.kmalloc(size: size, flags: .kernel), buffer)
    let fill = (0..<Int(size)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ counter) }
    add(.cpuWrite(pointer: .variable(buffer), offset: 0, bytes: fill))
    switch pick(0...5) {
    case 5: pageTransfer(size)
    case 0: slave(buffer, size, channel: "utx", device: "uart0", .memToDev)
    case 1: slave(buffer, size, channel: "stx", device: "spi0", .memToDev)
    case 2: receive(buffer, size)
    case 3: cyclic(buffer, size)
    default: memcpy(buffer, size)
    }
    if pick(0...3) == 0 { add(.runTicks(pick(1...200))) }
    add(.kfree(.variable(buffer)))
  }

  private mutating func map(
    _ buffer: String, _ size: UInt64, _ device: String, _ direction: DMADataDirection
  ) -> String {
    let handle = name("h")
    add(
      .dmaMapSingle(device: device, pointer: .variable(buffer), size: size, direction: direction),
      handle)
    add(.dmaMappingError(device: device, handle: .variable(handle)))
    return handle
  }

  private mutating func finish(_ channel: String, _ descriptor: String) {
    let cookie = name("c")
    add(.submit(descriptor: .variable(descriptor)), cookie)
    add(.issuePending(channel: .variable(channel)))
    switch pick(0...5) {
    case 0:
      add(.runTicks(pick(5...60)))
      add(.dmaPause(channel: .variable(channel)))
      add(.txStatus(channel: .variable(channel), cookie: .variable(cookie)))
      add(.runTicks(pick(5...60)))
      add(.dmaResume(channel: .variable(channel)))
      add(.waitForCompletion(cookie: .variable(cookie)))
    case 1:
      add(.runTicks(pick(1...80)))
      add(.terminateSync(channel: .variable(channel)))
    default:
      add(.waitForCompletion(cookie: .variable(cookie)))
    }
  }

  private mutating func slave(
    _ buffer: String, _ size: UInt64, channel: String, device: String,
    _ direction: DMATransferDirection
  ) {
    let handle = map(buffer, size, device, .toDevice)
    let descriptor = name("d")
    add(
      .prepSlaveSingle(
        channel: .variable(channel), buffer: .variable(handle), length: size, direction: direction,
        flags: .prepInterrupt), descriptor)
    finish(channel, descriptor)
    add(
      .dmaUnmapSingle(device: device, handle: .variable(handle), size: size, direction: .toDevice))
  }

  private mutating func receive(_ buffer: String, _ size: UInt64) {
    let length = min(size, pick(1...48))
    let handle = map(buffer, size, "uart0", .fromDevice)
    let descriptor = name("d")
    add(
      .prepSlaveSingle(
        channel: .variable("urx"), buffer: .variable(handle), length: length, direction: .devToMem,
        flags: .prepInterrupt), descriptor)
    add(
      .deviceReceive(
        device: "uart0",
        bytes: (0..<Int(length + pick(0...8))).map { UInt8(truncatingIfNeeded: $0 &+ 65) }))
    finish("urx", descriptor)
    if pick(0...1) == 0 {
      add(
        .dmaSyncSingleForCPU(
          device: "uart0", handle: .variable(handle), size: size, direction: .fromDevice))
      add(
        .dmaSyncSingleForDevice(
          device: "uart0", handle: .variable(handle), size: size, direction: .fromDevice))
    }
    add(
      .dmaUnmapSingle(
        device: "uart0", handle: .variable(handle), size: size, direction: .fromDevice))
    add(.cpuRead(pointer: .variable(buffer), offset: 0, length: length))
  }

  private mutating func cyclic(_ buffer: String, _ size: UInt64) {
    let handle = map(buffer, size, "i2s0", .toDevice)
    let descriptor = name("d")
    add(
      .prepDmaCyclic(
        channel: .variable("i2s"), buffer: .variable(handle), bufferLength: size,
        periodLength: max(4, size / 4), direction: .memToDev, flags: .prepInterrupt), descriptor)
    add(.submit(descriptor: .variable(descriptor)), name("c"))
    add(.issuePending(channel: .variable("i2s")))
    add(.runTicks(pick(20...300)))
    add(
      pick(0...1) == 0
        ? .terminateSync(channel: .variable("i2s")) : .terminateAsync(channel: .variable("i2s")))
    add(.synchronize(channel: .variable("i2s")))
    add(
      .dmaUnmapSingle(device: "i2s0", handle: .variable(handle), size: size, direction: .toDevice))
  }

  /// `alloc_pages`, `dma_map_page` at an offset, a transfer from it, `dma_unmap_page`,
  /// `__free_pages`.
  private mutating func pageTransfer(_ size: UInt64) {
    let page = name("page")
    add(.allocPages(order: 0, flags: .kernel), page)
    let offset = pick(0...15) * 64
    let length = min(size, 4096 - offset)
    let handle = name("h")
    add(
      .dmaMapPage(
        device: "spi0", page: .variable(page), offset: offset, size: length, direction: .toDevice),
      handle)
    add(.dmaMappingError(device: "spi0", handle: .variable(handle)))
    let descriptor = name("d")
    add(
      .prepSlaveSingle(
        channel: .variable("stx"), buffer: .variable(handle), length: length,
        direction: .memToDev, flags: .prepInterrupt), descriptor)
    finish("stx", descriptor)
    add(
      .dmaUnmapPage(
        device: "spi0", handle: .variable(handle), size: length, direction: .toDevice))
    add(.freePages(page: .variable(page), order: 0))
  }

  private mutating func memcpy(_ buffer: String, _ size: UInt64) {
    let destination = name("dst")
    add(.kmalloc(size: size, flags: .kernel), destination)
    let source = map(buffer, size, "dma0", .toDevice)
    let target = map(destination, size, "dma0", .fromDevice)
    let descriptor = name("d")
    add(
      .prepDmaMemcpy(
        channel: .variable("mem"), destination: .variable(target), source: .variable(source),
        length: size, flags: .prepInterrupt), descriptor)
    finish("mem", descriptor)
    add(
      .dmaUnmapSingle(device: "dma0", handle: .variable(source), size: size, direction: .toDevice))
    add(
      .dmaUnmapSingle(device: "dma0", handle: .variable(target), size: size, direction: .fromDevice)
    )
    add(.kfree(.variable(destination)))
  }
}
