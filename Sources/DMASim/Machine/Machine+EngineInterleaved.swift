extension Machine {
  /// The most pieces (one LLI each) an interleaved prep chains.
  static let interleavedPieceLimit: UInt64 = 4096

  /// Logs a filled-in `struct dma_interleaved_template` (the prep takes a copy).
  mutating func describeTemplate(_ name: String, _ template: InterleavedTemplate) {
    log(
      .kernel, "dma_interleaved_template",
      "struct dma_interleaved_template \(name) = { .src_start = \(template.srcStart?.text ?? "0"), "
        + ".dst_start = \(template.dstStart?.text ?? "0"), \(template.text) }")
  }

  /// `dmaengine_prep_interleaved_dma`: the driver walks `numf` frames of `frame_size` chunks
  /// and turns every chunk into one contiguous piece on each side, skipping the inter-chunk
  /// gaps (`dmaengine_get_src_icg`/`dmaengine_get_dst_icg`).
  mutating func prepInterleaved(
    _ operand: Operand, _ template: InterleavedTemplate, _ flags: DMACtrlFlags, result: String?
  ) {
    let function = "dmaengine_prep_interleaved_dma"
    guard let (controller, channel) = channelIndex(operand, function) else { return }
    let vchan = engine.controllers[controller].virtualChannels[channel]
    let fail = { (machine: inout Machine, reason: String) in
      machine.log(.kernel, function, "\(vchan.name): \(reason) = NULL")
      machine.assign(.error(.null), to: result)
    }
    guard engine.controllers[controller].capabilities.transactionTypes.contains("DMA_INTERLEAVE")
    else {
      fail(
        &self,
        "\(engine.controllers[controller].name) has no DMA_INTERLEAVE in its cap_mask (it offers "
          + engine.controllers[controller].capabilities.transactionTypes.joined(separator: ", ")
          + ")")
      return
    }
    guard template.numf > 0, template.frameSize > 0, template.chunks.count >= template.frameSize,
      template.length > 0
    else {
      fail(
        &self,
        "template has numf \(template.numf), frame_size \(template.frameSize) and "
          + "\(template.chunks.count) chunk(s) in sgl[]: nothing to move")
      return
    }
    // The driver writes one linked-list item per piece; a template longer than its chain can
    // be is refused at prep, as a real driver returns NULL for what its hardware cannot do.
    guard template.pieceCount <= Self.interleavedPieceLimit else {
      fail(
        &self,
        "template has \(template.numf) frame(s) of \(template.frameSize) chunk(s): "
          + (template.pieceCount == .max ? "more" : "\(template.pieceCount)")
          + " pieces, more than the \(Self.interleavedPieceLimit) linked-list items this "
          + "driver chains")
      return
    }
    var source: DMAAddr?
    var destination: DMAAddr?
    for (side, operand) in [("src_start", template.srcStart), ("dst_start", template.dstStart)] {
      guard let operand else { continue }
      guard let value = resolve(operand, for: function) else { return }
      guard case .dmaAddress(let address) = value, address != .mappingError else {
        fail(&self, "\(side) \(operand.text) is \(value.text), not a valid dma_addr_t")
        return
      }
      if side == "src_start" { source = address } else { destination = address }
    }
    var descriptor: Descriptor
    switch template.direction {
    case .memToMem:
      guard let source, let destination else {
        fail(&self, "DMA_MEM_TO_MEM needs src_start and dst_start")
        return
      }
      descriptor = newDescriptor(
        controller, flags: flags, direction: .memToMem,
        segments: template.pieces(from: source, source: true))
      descriptor.kind = .interleaved(
        destination: template.pieces(from: destination, source: false))
    case .memToDev, .devToMem:
      let memory = template.direction == .memToDev ? source : destination
      guard let memory, let config = vchan.config else {
        fail(&self, "a slave interleaved transfer needs its memory side and dmaengine_slave_config")
        return
      }
      descriptor = newDescriptor(
        controller, flags: flags, direction: template.direction,
        segments: template.pieces(from: memory, source: template.direction == .memToDev),
        deviceAddress: template.direction == .devToMem ? config.srcAddress : config.dstAddress)
    case .devToDev:
      fail(&self, "DMA_DEV_TO_DEV is not modelled")
      return
    }
    let pieces = descriptor.segments.count
    queue(descriptor, controller, channel, result: result)
    log(
      .kernel, function,
      "\(vchan.name): \(template.numf) frame(s) × \(template.frameSize) chunk(s) = \(pieces) "
        + "piece(s), \(template.length) bytes \(template.direction.text), flags "
        + "\(flags.kernelText) → txd d\(descriptor.id) on desc_allocated",
      subjects: txdSubjects(controller, channel, [descriptor.id]))
  }
}
