extension Machine {
  /// `dmaengine_prep_dma_memcpy`: a memory-to-memory descriptor on a memcpy channel.
  mutating func prepMemcpy(
    _ operand: Operand, _ destination: Operand, _ source: Operand, _ length: UInt64,
    _ flags: DMACtrlFlags, result: String?
  ) {
    let function = "dmaengine_prep_dma_memcpy"
    guard let (controller, channel) = channelIndex(operand, function),
      let destinationValue = resolve(destination, for: function),
      let sourceValue = resolve(source, for: function)
    else { return }
    guard case .dmaAddress(let to) = destinationValue, case .dmaAddress(let from) = sourceValue,
      to != .mappingError, from != .mappingError
    else {
      log(.debug, function, "memcpy needs two valid dma_addr_t handles")
      assign(.error(.null), to: result)
      return
    }
    guard engine.controllers[controller].capabilities.transactionTypes.contains("DMA_MEMCPY") else {
      log(
        .kernel, function,
        "\(engine.controllers[controller].name) has no DMA_MEMCPY capability = NULL")
      assign(.error(.null), to: result)
      return
    }
    var descriptor = newDescriptor(controller, flags: flags, direction: .memToMem, from, length)
    descriptor.kind = .memcpy(destination: to)
    queue(descriptor, controller, channel, result: result)
    log(
      .kernel, function,
      "\(engine.controllers[controller].virtualChannels[channel].name): \(length) bytes \(from.hex) → "
        + "\(to.hex), flags \(flags.kernelText) → txd d\(descriptor.id) on desc_allocated",
      subjects: txdSubjects(controller, channel, [descriptor.id]))
  }

  /// `dmaengine_prep_dma_cyclic`: a ring of periods, a callback per period, never completing.
  mutating func prepCyclic(
    _ operand: Operand, _ buffer: Operand, _ length: UInt64, _ period: UInt64,
    _ direction: DMATransferDirection, _ flags: DMACtrlFlags, result: String?
  ) {
    let function = "dmaengine_prep_dma_cyclic"
    guard let (controller, channel) = channelIndex(operand, function),
      let value = resolve(buffer, for: function)
    else { return }
    guard case .dmaAddress(let address) = value, address != .mappingError, length > 0 else {
      log(.debug, function, "\(buffer.text) is \(value.text), not a valid dma_addr_t")
      assign(.error(.null), to: result)
      return
    }
    let vchan = engine.controllers[controller].virtualChannels[channel]
    guard vchan.config != nil, direction == .memToDev || direction == .devToMem else {
      log(
        .kernel, function,
        "\(vchan.name): needs dmaengine_slave_config and a slave direction = NULL")
      assign(.error(.null), to: result)
      return
    }
    // Without DMA_PREP_INTERRUPT the driver uses one period for the whole buffer.
    let periodLength = flags.contains(.prepInterrupt) ? max(1, min(period, length)) : length
    if length % periodLength != 0 {
      log(
        .kernel, function,
        "\(vchan.name): buffer_length (\(length)) is not a multiple of period_len (\(periodLength))"
      )
    }
    var descriptor = newDescriptor(controller, flags: flags, direction: direction, address, length)
    descriptor.kind = .cyclic(period: periodLength)
    descriptor.hasCallback = false
    queue(descriptor, controller, channel, result: result)
    log(
      .kernel, function,
      "\(vchan.name): cyclic \(length) bytes in periods of \(periodLength) \(direction.text) from "
        + "\(address.hex) → txd d\(descriptor.id) on desc_allocated",
      subjects: txdSubjects(controller, channel, [descriptor.id]))
  }

  /// A fresh descriptor (`vchan_tx_prep` is `queue`): the next id, no cookie yet.
  mutating func newDescriptor(
    _ controller: Int, flags: DMACtrlFlags, direction: DMATransferDirection,
    segments: [Descriptor.Segment], deviceAddress: PhysAddr? = nil
  ) -> Descriptor {
    let id = engine.controllers[controller].nextDescriptorID
    engine.controllers[controller].nextDescriptorID += 1
    return Descriptor(
      id: id, flags: flags, direction: direction, segments: segments, deviceAddress: deviceAddress,
      hasCallback: flags.contains(.prepInterrupt), preparedAtStep: stepCount)
  }

  private mutating func newDescriptor(
    _ controller: Int, flags: DMACtrlFlags, direction: DMATransferDirection, _ address: DMAAddr,
    _ length: UInt64
  ) -> Descriptor {
    newDescriptor(
      controller, flags: flags, direction: direction,
      segments: [Descriptor.Segment(address: address, length: length)])
  }

  /// `vchan_tx_prep`: the descriptor goes on `desc_allocated` and into the result variable
  /// (after an LLI controller's driver wrote its linked-list items; NULL if it could not).
  mutating func queue(
    _ prepared: Descriptor, _ controller: Int, _ channel: Int, result: String?
  ) {
    var descriptor = prepared
    guard writeLLIs(&descriptor, controller, channel) else {
      assign(.error(.null), to: result)
      return
    }
    engine.controllers[controller].virtualChannels[channel].txPrep(descriptor)
    run.lastTouch.descriptors.append(descriptor.id)
    assign(.descriptor(controller: controller, channel: channel, id: descriptor.id), to: result)
  }
}
