import DMASim

extension Bench {
  /// Mapping-API calls per second over a 1 GiB working set: on soc8g the whole 1 GiB CMA area
  /// is taken, then `dma_map_single` + `dma_mapping_error` + `dma_unmap_single` of 4 KiB run at
  /// every 64 KiB across it, alternating DMA_TO_DEVICE (clean on map) and DMA_FROM_DEVICE
  /// (invalidate on unmap), with dma-debug checking every call.
  func mappingFigure() -> BenchRow {
    let stride: UInt64 = 64 << 10
    let size: UInt64 = 4096
    let pages: UInt64 = (1 << 30) / 4096
    var actions: [Action] = [
      Action(operation: .cmaAlloc(count: pages, align: 0), result: "set")
    ]
    let maps = (1 << 30) / stride
    actions.reserveCapacity(Int(maps) * 3 + 1)
    for index in 0..<maps {
      let direction: DMADataDirection = index.isMultiple(of: 2) ? .toDevice : .fromDevice
      actions += [
        Action(
          operation: .dmaMapSingle(
            device: "spi0", pointer: .offset(.variable("set"), index * stride), size: size,
            direction: direction), result: "h"),
        Action(operation: .dmaMappingError(device: "spi0", handle: .variable("h"))),
        Action(
          operation: .dmaUnmapSingle(
            device: "spi0", handle: .variable("h"), size: size, direction: direction)),
      ]
    }
    var machine = Machine(
      board: .soc8G, program: Program(title: "mapping", actions: actions), granularity: .block)
    let start = ContinuousClock.now
    while machine.step() {}
    let seconds = (ContinuousClock.now - start).seconds
    let calls = Double(maps * 3)
    let errors = machine.dma.dmaDebug.errorCount
    return BenchRow(
      figure: "mapping-API calls per second (map/error/unmap 4 KiB over 1 GiB, soc8g)",
      value: String(format: "%.0f (%d dma-debug errors)", calls / max(seconds, 1e-9), errors),
      target: "-", pass: nil)
  }
}
