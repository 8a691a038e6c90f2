import DMASim

extension Bench {
  /// Scatter-gather by hardware linked-list items: 8 × 4 KiB segments (64 blocks) written to
  /// the MMC card through dma1, which fetches one LLI per segment from its dma_pool.
  func lliFigure() -> BenchRow {
    var actions: [Action] = [
      Action(operation: .dmaRequestChan(device: "mmc0", name: "tx"), result: "tx"),
      Action(
        operation: .dmaengineSlaveConfig(
          channel: .variable("tx"), config: SlaveConfig(dstAddrWidth: 4, dstMaxBurst: 8))),
      Action(operation: .sgInitTable(count: 8), result: "sg"),
    ]
    for index in 0..<8 {
      actions.append(Action(operation: .kmalloc(size: 4096, flags: .kernel), result: "b\(index)"))
      actions.append(
        Action(
          operation: .sgSetBuf(
            table: .variable("sg"), index: index, pointer: .variable("b\(index)"), length: 4096)))
    }
    actions += [
      Action(
        operation: .dmaMapSG(
          device: "mmc0", table: .variable("sg"), count: 8, direction: .toDevice),
        result: "n"),
      Action(
        operation: .prepSlaveSG(
          channel: .variable("tx"), table: .variable("sg"), count: .variable("n"),
          direction: .memToDev, flags: .prepInterrupt), result: "d"),
      Action(operation: .submit(descriptor: .variable("d")), result: "c"),
      Action(operation: .issuePending(channel: .variable("tx"))),
      Action(
        operation: .mmcCommand(device: "mmc0", opcode: .writeMultipleBlock, lba: 0, blocks: 64)),
      Action(operation: .waitForCompletion(cookie: .variable("c"))),
    ]
    var machine = Machine(board: .soc, program: Program(title: "lli", actions: actions))
    let start = ContinuousClock.now
    while machine.step() {}
    let seconds = (ContinuousClock.now - start).seconds
    let moved = machine.peripherals.first { $0.name == "mmc0" }?.outputCount ?? 0
    let fetches = machine.engine.controllers[1].physicalChannels.map(\.lliFetches).reduce(0, +)
    return BenchRow(
      figure: "LLI scatter-gather, 8 x 4 KiB segments to the MMC FIFO (dma1)",
      value: String(
        format: "%.0f KiB/s (%d LLI fetches)", Double(moved) / max(seconds, 1e-9) / 1024, fetches),
      target: "-", pass: nil)
  }
}
