extension Machine {
  /// The virtual channel an id names, nil when the board has no such channel.
  public func virtualChannel(_ id: ChannelID) -> VirtualChannel? {
    guard engine.controllers.indices.contains(id.controller),
      engine.controllers[id.controller].virtualChannels.indices.contains(id.channel)
    else { return nil }
    return engine.controllers[id.controller].virtualChannels[id.channel]
  }

  /// The live descriptor a reference names, nil once it is freed.
  public func descriptor(_ reference: DescriptorRef) -> Descriptor? {
    virtualChannel(reference.channel)?.descriptors[reference.id]
  }

  /// Every live descriptor, by controller, channel and id.
  public var descriptorReferences: [DescriptorRef] {
    var found: [DescriptorRef] = []
    for (controllerIndex, controller) in engine.controllers.enumerated() {
      for (channelIndex, channel) in controller.virtualChannels.enumerated() {
        let id = ChannelID(controller: controllerIndex, channel: channelIndex)
        for descriptor in channel.descriptors.keys.sorted() {
          found.append(DescriptorRef(channel: id, id: descriptor))
        }
      }
    }
    return found
  }

  /// Dispatches the dmaengine client calls and the waiting directives.
  mutating func executeEngineCall(_ action: Action) {
    switch action.operation {
    case .dmaRequestChan(let device, let name):
      dmaRequestChan(device: device, name: name, result: action.result)
    case .dmaReleaseChannel(let channel): dmaReleaseChannel(channel)
    case .dmaengineSlaveConfig(let channel, let config): slaveConfig(channel, config)
    case .prepSlaveSingle(let channel, let buffer, let length, let direction, let flags):
      prepSlaveSingle(channel, buffer, length, direction, flags, result: action.result)
    case .submit(let descriptor): submit(descriptor, result: action.result)
    case .issuePending(let channel): issuePending(channel)
    case .txStatus(let channel, let cookie): txStatus(channel, cookie, result: action.result)
    case .waitForCompletion(let cookie): waitForCompletion(cookie)
    case .prepDmaMemcpy(let channel, let destination, let source, let length, let flags):
      prepMemcpy(channel, destination, source, length, flags, result: action.result)
    case .prepDmaCyclic(let channel, let buffer, let length, let period, let direction, let flags):
      prepCyclic(channel, buffer, length, period, direction, flags, result: action.result)
    case .dmaRequestChanByMask(let capability):
      requestChanByMask(capability, result: action.result)
    case .dmaPause(let channel): pauseChannel(channel)
    case .setChannelCookie(let channel, let field, let value):
      setChannelCookie(channel, field, value)
    case .dmaResume(let channel): resumeChannel(channel)
    case .terminateAsync(let channel): terminate(channel, synchronous: false)
    case .terminateSync(let channel): terminate(channel, synchronous: true)
    case .synchronize(let channel): synchronizeChannel(channel)
    case .descSetReuse(let descriptor): setReuse(descriptor, result: action.result)
    case .descFree(let descriptor): freeDescriptor(descriptor, result: action.result)
    case .deviceReceive(let device, let bytes): receive(device, bytes)
    case .runTicks(let requested):
      let ticks = min(requested, 1 << 40)
      cpu.waiting = .ticks(until: clock + ticks)
      log(.kernel, "run", "CPU idles for \(ticks) ticks while the hardware runs")
      agenda.schedule(.cpu, at: clock + max(ticks, 1))
    case .interleavedTemplate(let name, let template): describeTemplate(name, template)
    case .prepInterleaved(let channel, let template, let flags):
      prepInterleaved(channel, template, flags, result: action.result)
    case .mmcCommand(let device, let opcode, let lba, let blocks):
      mmcCommand(device, opcode, lba: lba, blocks: blocks)
    case .writel(let device, let register, let value): writel(device, register, value)
    case .cpuWriteLE32(let pointer, let offset, let value):
      cpuWriteLE32(pointer, offset: offset, value: value)
    case .dmaSetMask(let device, let mask, let kind):
      dmaSetMask(device, mask: mask, which: kind, result: action.result)
    case .dmaSetParameter(let device, let parameter, let value):
      dmaSetParameter(device, parameter, value: value, result: action.result)
    case .dmaGetParameter(let device, let parameter):
      dmaGetParameter(device, parameter, result: action.result)
    case .reservedMemDeviceInit(let device): reservedMemDeviceInit(device, result: action.result)
    case .reservedMemDeviceRelease(let device): reservedMemDeviceRelease(device)
    case .dmaPoolCreate, .dmaPoolAlloc, .dmaPoolFree, .dmaPoolDestroy: executePoolCall(action)
    case .runUntilComplete(let cookie, let limit): runUntilComplete(cookie, limit: limit)
    case .runUntilIdle(let limit): runUntilIdle(limit: limit)
    case .dmatestRun(let options): dmatestRun(options, result: action.result)
    case .allocMovablePages(let order): allocMovablePages(order: order, result: action.result)
    case .pinUserPage(let page, let pin): pinUserPage(page, pin: pin)
    case .dmaBuf(let call): executeDMABuf(call, result: action.result)
    default: break
    }
  }

  private mutating func dmaRequestChan(device: String, name: String, result: String?) {
    guard let spec = board.device(named: device),
      let ref = spec.dmas.first(where: { $0.name == name }),
      let controller = engine.controllers.firstIndex(where: { $0.name == ref.controller }),
      let channel = engine.controllers[controller].virtualChannel(forRequest: ref.requestLine)
    else {
      log(
        .kernel, "dma_request_chan",
        "\(deviceName(device)): dma_request_chan(\"\(name)\") = ERR_PTR(-ENODEV): no such "
          + "dma-names entry")
      assign(.error(.enodev), to: result)
      return
    }
    if let client = engine.controllers[controller].virtualChannels[channel].client {
      log(
        .kernel, "dma_request_chan",
        "\(spec.kernelName): dma_request_chan(\"\(name)\") = ERR_PTR(-EPROBE_DEFER): channel "
          + "busy (held by \(client))")
      assign(.error(.eprobeDefer), to: result)
      return
    }
    engine.controllers[controller].virtualChannels[channel].client = "\(spec.kernelName):\(name)"
    engine.controllers[controller].virtualChannels[channel].peripheral = device
    assign(.channel(controller: controller, channel: channel), to: result)
    log(
      .kernel, "dma_request_chan",
      "\(spec.kernelName): dma_request_chan(\"\(name)\") = "
        + "\(engine.controllers[controller].virtualChannels[channel].name) (request line "
        + "\(ref.requestLine) on \(ref.controller))")
  }

  private mutating func dmaReleaseChannel(_ operand: Operand) {
    guard let (controller, channel) = channelIndex(operand, "dma_release_channel") else { return }
    let vchan = engine.controllers[controller].virtualChannels[channel]
    engine.controllers[controller].virtualChannels[channel].client = nil
    log(.kernel, "dma_release_channel", "\(vchan.name) released")
  }

  private mutating func slaveConfig(_ operand: Operand, _ requested: SlaveConfig) {
    guard let (controller, channel) = channelIndex(operand, "dmaengine_slave_config") else {
      return
    }
    var config = requested
    let vchan = engine.controllers[controller].virtualChannels[channel]
    let device = vchan.peripheral.flatMap { board.device(named: $0) }
    if config.dstAddress == nil, let fifo = device?.fifo { config.dstAddress = fifo.dataRegister }
    if config.srcAddress == nil, let rx = device?.rxFIFO { config.srcAddress = rx.dataRegister }
    let caps = engine.controllers[controller].capabilities
    for (label, width) in [("src", config.srcAddrWidth), ("dst", config.dstAddrWidth)]
    where width != 0 && !caps.addressWidths.contains(width) {
      log(
        .kernel, "dmaengine_slave_config",
        "\(vchan.name): \(label)_addr_width \(width) not supported (widths "
          + "\(caps.addressWidths.map(String.init).joined(separator: ","))) = -EINVAL")
      return
    }
    for (label, burst) in [("src", config.srcMaxBurst), ("dst", config.dstMaxBurst)]
    where burst > caps.maxBurst {
      log(
        .kernel, "dmaengine_slave_config",
        "\(vchan.name): \(label)_maxburst \(burst) exceeds max_burst \(caps.maxBurst) = -EINVAL")
      return
    }
    engine.controllers[controller].virtualChannels[channel].config = config
    log(
      .kernel, "dmaengine_slave_config",
      "\(vchan.name): dst_addr=\(Hex.prefixed(config.dstAddress?.rawValue ?? 0)) "
        + "dst_addr_width=\(config.dstAddrWidth) dst_maxburst=\(config.dstMaxBurst) "
        + "src_addr=\(Hex.prefixed(config.srcAddress?.rawValue ?? 0)) "
        + "src_addr_width=\(config.srcAddrWidth) src_maxburst=\(config.srcMaxBurst) = 0")
  }

  private mutating func prepSlaveSingle(
    _ operand: Operand, _ buffer: Operand, _ length: UInt64, _ direction: DMATransferDirection,
    _ flags: DMACtrlFlags, result: String?
  ) {
    let function = "dmaengine_prep_slave_single"
    guard let (controller, channel) = channelIndex(operand, function),
      let bufferValue = resolve(buffer, for: function)
    else { return }
    let vchan = engine.controllers[controller].virtualChannels[channel]
    guard case .dmaAddress(let address) = bufferValue, address != .mappingError else {
      log(.debug, function, "\(buffer.text) is \(bufferValue.text), not a valid dma_addr_t")
      assign(.error(.null), to: result)
      return
    }
    let device = vchan.peripheral.flatMap { board.device(named: $0) }
    let supported =
      (direction == .memToDev && device?.fifo != nil)
      || (direction == .devToMem && device?.rxFIFO != nil)
    guard let config = vchan.config, supported else {
      log(
        .kernel, function,
        "\(vchan.name): prep \(direction.text) = NULL ("
          + (vchan.config == nil ? "no dmaengine_slave_config yet" : "direction not supported")
          + ")")
      assign(.error(.null), to: result)
      return
    }
    let descriptor = newDescriptor(
      controller, flags: flags, direction: direction,
      segments: [Descriptor.Segment(address: address, length: length)],
      deviceAddress: direction == .devToMem ? config.srcAddress : config.dstAddress)
    queue(descriptor, controller, channel, result: result)
    log(
      .kernel, function,
      "\(vchan.name): \(length) bytes \(direction.text) from \(address.hex), "
        + "flags \(flags.kernelText) → vchan_tx_prep: txd \(descriptor.label) on desc_allocated",
      subjects: txdSubjects(controller, channel, [descriptor.id]))
  }

  /// The controller and virtual-channel indices an operand names.
  mutating func channelIndex(_ operand: Operand, _ function: String) -> (Int, Int)? {
    guard let value = resolve(operand, for: function) else { return nil }
    switch value {
    case .channel(let controller, let channel), .descriptor(let controller, let channel, _):
      return (controller, channel)
    default:
      log(
        .debug, function, "\(operand.text) is \(value.text), not a DMA channel",
        detail: "Check the result of dma_request_chan with IS_ERR() before using it.")
      return nil
    }
  }

  /// `modprobe dmatest …; echo 1 > run; cat wait`: each thread runs on a fresh machine of
  /// this board (dmatest's own buffers and channels), and its lines go to the log.
  mutating func dmatestRun(_ options: DmatestOptions, result: String?) {
    let report = Dmatest.run(board: board, options: options)
    for line in report.lines {
      log(.kernel, "dmatest", line)
    }
    assign(.integer(Int64(report.failures)), to: result)
  }
}
