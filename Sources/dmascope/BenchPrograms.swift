import DMASim

/// Programs sized for benchmarks.
enum BenchPrograms {
  /// Repeated 4 KiB transfers, enough for about `steps` steps.
  static func longTransfers(steps: Int) -> Program {
    let size: UInt64 = 4096
    var actions: [Action] = [
      Action(operation: .dmaRequestChan(device: "spi0", name: "tx"), result: "chan"),
      Action(
        operation: .dmaengineSlaveConfig(
          channel: .variable("chan"), config: SlaveConfig(dstAddrWidth: 4, dstMaxBurst: 4))),
      Action(operation: .kmalloc(size: size, flags: .kernel), result: "buf"),
    ]
    // One round is about 2,200 steps (1,024 beats, 1,024 FIFO shifts, cache and API steps).
    for round in 0..<(steps / 2000 + 1) {
      actions +=
        [
          Action(
            operation: .cpuWrite(
              pointer: .variable("buf"), offset: 0,
              bytes: [UInt8](repeating: UInt8(truncatingIfNeeded: round), count: Int(size))))
        ] + mapChecked("spi0", "buf", size, .toDevice, into: "handle") + [
          Action(
            operation: .prepSlaveSingle(
              channel: .variable("chan"), buffer: .variable("handle"), length: size,
              direction: .memToDev, flags: .prepInterrupt), result: "desc"),
          Action(operation: .submit(descriptor: .variable("desc")), result: "cookie"),
          Action(operation: .issuePending(channel: .variable("chan"))),
          Action(operation: .waitForCompletion(cookie: .variable("cookie"))),
          Action(
            operation: .dmaUnmapSingle(
              device: "spi0", handle: .variable("handle"), size: size, direction: .toDevice)),
        ]
    }
    return Program(title: "bench", actions: actions)
  }
}

extension BenchPrograms {
  /// 4 MiB memcpy rounds with their mappings, `megabytes` in all.
  static func streaming(megabytes: Int) -> Program {
    let size: UInt64 = 4 << 20
    var actions: [Action] = [
      Action(operation: .dmaRequestChanByMask(capability: "DMA_MEMCPY"), result: "m"),
      Action(operation: .kmalloc(size: size, flags: .kernel), result: "src"),
      Action(operation: .kmalloc(size: size, flags: .kernel), result: "dst"),
    ]
    for round in 0..<max(1, megabytes / 4) {
      actions +=
        [
          Action(
            operation: .cpuWrite(
              pointer: .variable("src"), offset: UInt64(round) * 4096,
              bytes: [UInt8](repeating: UInt8(truncatingIfNeeded: round + 1), count: 4096)))
        ] + mapChecked("dma0", "src", size, .toDevice, into: "hs") + []
        + mapChecked("dma0", "dst", size, .fromDevice, into: "hd") + [
          Action(
            operation: .prepDmaMemcpy(
              channel: .variable("m"), destination: .variable("hd"), source: .variable("hs"),
              length: size, flags: .prepInterrupt), result: "d"),
          Action(operation: .submit(descriptor: .variable("d")), result: "c"),
          Action(operation: .issuePending(channel: .variable("m"))),
          Action(operation: .waitForCompletion(cookie: .variable("c"))),
          Action(
            operation: .dmaUnmapSingle(
              device: "dma0", handle: .variable("hd"), size: size, direction: .fromDevice)),
          Action(
            operation: .dmaUnmapSingle(
              device: "dma0", handle: .variable("hs"), size: size, direction: .toDevice)),
        ]
    }
    return Program(title: "streaming", actions: actions)
  }

  /// `dma_map_single` into `handle`, then the `dma_mapping_error` check every driver owes.
  static func mapChecked(
    _ device: String, _ buffer: String, _ size: UInt64, _ direction: DMADataDirection,
    into handle: String
  ) -> [Action] {
    [
      Action(
        operation: .dmaMapSingle(
          device: device, pointer: .variable(buffer), size: size, direction: direction),
        result: handle),
      Action(operation: .dmaMappingError(device: device, handle: .variable(handle))),
    ]
  }
}
