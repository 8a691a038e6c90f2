import DMASim

extension Lowerer {
  /// The labels of `data_chunk`, from its declaration.
  static var chunkLabels: [String] { CallRegistry.declaration(named: "data_chunk")?.labels ?? [] }

  /// Lowers the interleaved-template calls, the MMC command and `writel`.
  mutating func deviceOperation(
    _ callee: String, _ args: [Expression], _ label: (String) -> Expression?,
    assignTo: String?, range: SourceRange
  ) -> (Operation, ValueKind?)? {
    switch callee {
    case "dma_interleaved_template": return template(label, assignTo: assignTo, range: range)
    case "data_chunk": return dataChunk(args, label)
    case "dmaengine_prep_interleaved_dma":
      guard let chan = variable(args[0], .channel),
        let name = templateName(args[1]),
        let ctrl = flags(args[2], DMACtrlFlags.named.map { ($0.name, $0.flag) }, "dma_ctrl_flags")
      else { return nil }
      guard let template = templates[name], !template.chunks.isEmpty else {
        error(
          "`\(name)` has no chunks in its sgl[]", at: args[1].range,
          hint: "describe each chunk first: `data_chunk(\(name), 0, size=16, icg=48)`")
        return nil
      }
      return (.prepInterleaved(channel: chan, template: template, flags: ctrl), .descriptor)
    case "mmc_send_cmd":
      guard let dev = device(args[0]),
        let opcode = constant(args[1], MMCOpcode.allCases, name: \.kernelName, "MMC opcode"),
        let lba = requireInteger(args[2], "the block address"),
        let blocks = requireInteger(args[3], "the block count")
      else { return nil }
      return (.mmcCommand(device: dev, opcode: opcode, lba: lba, blocks: blocks), nil)
    case "writel":
      guard let dev = device(args[0]),
        let register = constant(
          args[1], DeviceRegister.allCases, name: \.kernelName, "device register")
      else { return nil }
      guard let value = numberOrHandle(args[2]) else { return nil }
      return (.writel(device: dev, register: register, value: value), nil)
    case "cpu_write_le32":
      guard let pointer = variable(args[0], .pointer),
        let offset = requireInteger(args[1], "the offset"), let value = numberOrHandle(args[2])
      else { return nil }
      return (.cpuWriteLE32(pointer: pointer, offset: offset, value: value), nil)
    default: return nil
    }
  }

  private mutating func template(
    _ label: (String) -> Expression?, assignTo: String?, range: SourceRange
  ) -> (Operation, ValueKind?)? {
    guard let assignTo else {
      error(
        "`dma_interleaved_template` builds a template: assign it to a name", at: range,
        hint: "for example `xt = dma_interleaved_template(numf=4, frame_size=1, ...)`")
      return nil
    }
    var handles: [String: Operand] = [:]
    for side in ["src_start", "dst_start"] {
      guard let expression = label(side) else { continue }
      guard let handle = variable(expression, .dmaHandle) else { return nil }
      handles[side] = handle
    }
    var direction = DMATransferDirection.memToMem
    if let expression = label("dir") {
      guard
        let parsed = constant(
          expression, DMATransferDirection.allCases, name: \.kernelName, "transfer direction")
      else { return nil }
      direction = parsed
    }
    var switches: [String: Bool] = [:]
    for name in ["src_inc", "dst_inc", "src_sgl", "dst_sgl"] {
      guard let expression = label(name) else {
        switches[name] = name.hasSuffix("_inc")
        continue
      }
      guard let value = boolean(expression, name) else { return nil }
      switches[name] = value
    }
    var numf: UInt64 = 1
    var frameSize: UInt64 = 1
    if let expression = label("numf") {
      guard let value = requireInteger(expression, "numf") else { return nil }
      numf = value
    }
    if let expression = label("frame_size") {
      guard let value = requireInteger(expression, "frame_size"), value <= 256 else {
        error("frame_size must be at most 256 chunks", at: expression.range)
        return nil
      }
      frameSize = value
    }
    let template = InterleavedTemplate(
      srcStart: handles["src_start"], dstStart: handles["dst_start"], direction: direction,
      srcInc: switches["src_inc"] ?? true, dstInc: switches["dst_inc"] ?? true,
      srcSGL: switches["src_sgl"] ?? false, dstSGL: switches["dst_sgl"] ?? false, numf: numf,
      frameSize: Int(frameSize))
    templates[assignTo] = template
    return (.interleavedTemplate(name: assignTo, template: template), .interleavedTemplate)
  }

  private mutating func dataChunk(
    _ args: [Expression], _ label: (String) -> Expression?
  ) -> (Operation, ValueKind?)? {
    guard let name = templateName(args[0]), var template = templates[name],
      let index = requireInteger(args[1], "the chunk index")
    else { return nil }
    guard Int(index) <= template.chunks.count, index < 256 else {
      error(
        "sgl[\(index)] leaves a hole: `\(name)` has \(template.chunks.count) chunk(s)",
        at: args[1].range, hint: "fill the chunks in order, starting at 0")
      return nil
    }
    var values: [String: UInt64] = [:]
    for field in Self.chunkLabels {
      guard let expression = label(field) else { continue }
      guard let value = requireInteger(expression, field) else { return nil }
      values[field] = value
    }
    let chunk = InterleavedTemplate.DataChunk(
      size: values["size"] ?? 0, icg: values["icg"] ?? 0, dstICG: values["dst_icg"] ?? 0,
      srcICG: values["src_icg"] ?? 0)
    if Int(index) == template.chunks.count {
      template.chunks.append(chunk)
    } else {
      template.chunks[Int(index)] = chunk
    }
    templates[name] = template
    return (.interleavedTemplate(name: name, template: template), nil)
  }

  private mutating func templateName(_ expression: Expression) -> String? {
    guard variable(expression, .interleavedTemplate) != nil,
      case .identifier(let name) = expression.kind
    else { return nil }
    return name
  }

  /// A constant number or a variable holding a `dma_addr_t`.
  private mutating func numberOrHandle(_ expression: Expression) -> Operand? {
    if let number = integer(expression) {
      return .literal(.integer(Int64(truncatingIfNeeded: number)))
    }
    return variable(expression, .dmaHandle)
  }

  /// A truth value: `true`, `false`, `1` or `0`.
  private mutating func boolean(_ expression: Expression, _ what: String) -> Bool? {
    switch expression.kind {
    case .identifier("true"): return true
    case .identifier("false"): return false
    case .integer(let value) where value <= 1: return value == 1
    default:
      error(
        "`\(what)` must be true or false", at: expression.range, hint: "write true, false, 1 or 0")
      return nil
    }
  }
}
