extension DmatestThread {
  /// The driver code of every iteration, as the simulated CPU runs it.
  func program(_ plans: [(length: Int, source: Int, destination: Int)], size: Int) -> Program {
    let controllers = board.controllers
    let spec = controllers[controller]
    let earlier = controllers.prefix(controller).reduce(0) { $0 + $1.memcpyChannels }
    let requests = earlier + max(0, number - spec.requestLines.count) + 1
    var actions: [Action] = []
    // Fresh machine per thread: request until this thread's channel comes out.
    for _ in 0..<requests {
      actions.append(
        Action(operation: .dmaRequestChanByMask(capability: "DMA_MEMCPY"), result: "m"))
    }
    let bytes = UInt64(size)
    actions += [
      Action(operation: .kmalloc(size: bytes, flags: .kernel), result: "src"),
      Action(operation: .kmalloc(size: bytes, flags: .kernel), result: "dst"),
    ]
    // The client maps for the channel's own controller (`chan->device->dev`).
    let device = spec.name
    for plan in plans {
      let source = DmatestPatterns.sourceBuffer(size: size, start: plan.source, length: plan.length)
      let destination = DmatestPatterns.destinationBuffer(
        size: size, start: plan.destination, length: plan.length)
      actions += [
        Action(operation: .cpuWrite(pointer: .variable("src"), offset: 0, bytes: source)),
        Action(operation: .cpuWrite(pointer: .variable("dst"), offset: 0, bytes: destination)),
        Action(
          operation: .dmaMapSingle(
            device: device, pointer: .variable("src"), size: bytes, direction: .toDevice),
          result: "hs"),
        Action(operation: .dmaMappingError(device: device, handle: .variable("hs"))),
        Action(
          operation: .dmaMapSingle(
            device: device, pointer: .variable("dst"), size: bytes, direction: .bidirectional),
          result: "hd"),
        Action(operation: .dmaMappingError(device: device, handle: .variable("hd"))),
        Action(
          operation: .prepDmaMemcpy(
            channel: .variable("m"),
            destination: .offset(.variable("hd"), UInt64(plan.destination)),
            source: .offset(.variable("hs"), UInt64(plan.source)), length: UInt64(plan.length),
            flags: [.ctrlAck, .prepInterrupt]),
          result: "d"),
        Action(operation: .submit(descriptor: .variable("d")), result: "c"),
        Action(operation: .issuePending(channel: .variable("m"))),
        Action(operation: .waitForCompletion(cookie: .variable("c"))),
        Action(
          operation: .dmaUnmapSingle(
            device: device, handle: .variable("hs"), size: bytes, direction: .toDevice)),
      ]
      if options.fault != .skipDestinationUnmap {
        actions.append(
          Action(
            operation: .dmaUnmapSingle(
              device: device, handle: .variable("hd"), size: bytes, direction: .bidirectional)))
      }
      actions.append(Action(operation: .pause))
    }
    return Program(title: "dmatest \(threadName)", actions: actions)
  }

  /// `dmatest_verify` over both buffers, through the CPU's view (cache, then RAM).
  func verify(
    _ machine: Machine, _ plan: (length: Int, source: Int, destination: Int), size: Int
  ) -> [String] {
    guard case .pointer(let sourceVA) = machine.cpu.variables["src"],
      case .pointer(let destinationVA) = machine.cpu.variables["dst"],
      let sourcePA = machine.memory.pageTable.translate(sourceVA)?.physical,
      let destinationPA = machine.memory.pageTable.translate(destinationVA)?.physical
    else { return ["buffers are not mapped"] }
    let expectedSource = DmatestPatterns.sourceBuffer(
      size: size, start: plan.source, length: plan.length)
    var errors: [String] = []
    for index in 0..<size {
      let got = machine.memory.cache.peek(
        sourcePA.advanced(by: UInt64(index)), ram: machine.memory.ram)
      if got != expectedSource[index] {
        errors.append(mismatch("srcbuf", index, expectedSource[index], got, source: true))
      }
    }
    let expectedDestination = DmatestPatterns.destinationBuffer(
      size: size, start: plan.destination, length: plan.length)
    for index in 0..<size {
      let inWindow = index >= plan.destination && index < plan.destination + plan.length
      let expected =
        inWindow
        ? expectedSource[plan.source + index - plan.destination] : expectedDestination[index]
      let got = machine.memory.cache.peek(
        destinationPA.advanced(by: UInt64(index)), ram: machine.memory.ram)
      if got != expected { errors.append(mismatch("dstbuf", index, expected, got, source: false)) }
    }
    return errors
  }

  /// dmatest_mismatch's wording.
  private func mismatch(_ name: String, _ index: Int, _ expected: UInt8, _ got: UInt8, source: Bool)
    -> String
  {
    let diff = expected ^ got
    let what: String
    if source {
      what = "overwritten!"
    } else if expected & DmatestPatterns.copy != 0,
      diff & (DmatestPatterns.copy | DmatestPatterns.overwrite) != 0
    {
      what = "not copied!"
    } else if diff & DmatestPatterns.source != 0 {
      what = "was copied!"
    } else {
      what = "mismatch!"
    }
    return
      "\(name)[0x\(Hex.format(UInt64(index)))] \(what) Expected \(Hex.byte(expected)), got \(Hex.byte(got))"
  }
}
