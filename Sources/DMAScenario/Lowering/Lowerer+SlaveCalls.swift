import DMASim

extension Lowerer {
  /// `dmaengine_prep_slave_single(chan, handle, len, dir, flags)`.
  mutating func prepSlaveSingle(_ args: [Expression]) -> (Operation, ValueKind?)? {
    guard let chan = variable(args[0], .channel), let handle = variable(args[1], .dmaHandle),
      let length = requireInteger(args[2], "the length"),
      let direction = constant(
        args[3], DMATransferDirection.allCases, name: \.kernelName, "transfer direction"),
      let ctrl = flags(args[4], DMACtrlFlags.named.map { ($0.name, $0.flag) }, "dma_ctrl_flags")
    else { return nil }
    return (
      .prepSlaveSingle(
        channel: chan, buffer: handle, length: length, direction: direction, flags: ctrl),
      .descriptor
    )
  }

  /// `dmaengine_slave_config(chan, dst_addr_width=…, …)` from its labelled arguments.
  mutating func slaveConfig(
    _ channel: Expression, _ label: (String) -> Expression?
  ) -> (Operation, ValueKind?)? {
    guard let chan = variable(channel, .channel) else { return nil }
    var config = SlaveConfig()
    func value(_ name: String) -> Expression? { label(name) }
    for (name, keyPath) in [
      ("dst_addr_width", \SlaveConfig.dstAddrWidth), ("dst_maxburst", \.dstMaxBurst),
      ("src_addr_width", \.srcAddrWidth), ("src_maxburst", \.srcMaxBurst),
    ] {
      guard let expression = value(name) else { continue }
      guard let number = busWidthOrInteger(expression), number <= 128 else {
        error("`\(name)` must be a small integer", at: expression.range)
        return nil
      }
      config[keyPath: keyPath] = Int(number)
    }
    if let expression = value("dst_addr") {
      guard let address = requireInteger(expression, "dst_addr") else { return nil }
      config.dstAddress = PhysAddr(address)
    }
    if let expression = value("src_addr") {
      guard let address = requireInteger(expression, "src_addr") else { return nil }
      config.srcAddress = PhysAddr(address)
    }
    return (.dmaengineSlaveConfig(channel: chan, config: config), nil)
  }

  /// An integer, or a `DMA_SLAVE_BUSWIDTH_N_BYTES` constant.
  func busWidthOrInteger(_ expression: Expression) -> UInt64? {
    if case .identifier(let name) = expression.kind {
      let widths: [(String, UInt64)] = [
        ("DMA_SLAVE_BUSWIDTH_1_BYTE", 1), ("DMA_SLAVE_BUSWIDTH_2_BYTES", 2),
        ("DMA_SLAVE_BUSWIDTH_4_BYTES", 4), ("DMA_SLAVE_BUSWIDTH_8_BYTES", 8),
      ]
      return widths.first { $0.0 == name }?.1
    }
    return integer(expression)
  }
}
