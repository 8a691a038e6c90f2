import DMASim

extension Lowerer {
  /// Lowers one call statement: its declaration in `CallRegistry` gives the arity, the labels,
  /// the bounds of literal integers and the lowering function; the result's kind is recorded.
  mutating func lowerCall(
    _ assignTo: String?, _ callee: String, _ arguments: [Argument], _ range: SourceRange,
    _ statement: Statement
  ) {
    guard let declaration = CallRegistry.declaration(named: callee) else {
      error(
        "unknown function `\(callee)`", at: range,
        hint: NameSuggestion.nearest(to: callee, in: CallRegistry.names).map {
          "did you mean `\($0)`?"
        } ?? "see `dmascope check --help` for the calls scenarios can make")
      return
    }
    let positional = arguments.filter { $0.label == nil }.map(\.value)
    let labelled = arguments.filter { $0.label != nil }
    let allowedLabels = declaration.labels
    for argument in labelled where !allowedLabels.contains(argument.label ?? "") {
      error(
        "`\(callee)` has no parameter `\(argument.label ?? "")`", at: argument.range,
        hint: allowedLabels.isEmpty
          ? "`\(callee)` takes only positional arguments: \(declaration.signature)"
          : "labels it accepts: \(allowedLabels.joined(separator: ", "))")
      return
    }
    let expected = declaration.positional.count
    guard positional.count == expected else {
      error(
        "`\(callee)` takes \(expected) argument\(expected == 1 ? "" : "s"), got \(positional.count)",
        at: range, hint: declaration.signature)
      return
    }
    for (parameter, value) in zip(declaration.positional, positional) {
      guard let bounds = parameter.bounds, let literal = integer(value), !bounds.contains(literal)
      else { continue }
      let accepted =
        bounds.upperBound == UInt64.max
        ? "at least \(bounds.lowerBound)" : "\(bounds.lowerBound) to \(bounds.upperBound)"
      error(
        "`\(parameter.name)` of `\(callee)` is \(literal); it takes \(accepted)", at: value.range,
        hint: declaration.signature)
      return
    }
    let label = { (name: String) in labelled.first { $0.label == name }?.value }
    let errorsBefore = diagnostics.count
    guard
      let (operation, kind) = lower(
        declaration, positional, label, assignTo: assignTo, range: range)
    else {
      if diagnostics.count == errorsBefore {
        // Every failed lowering reports why; a silent one would drop the statement.
        error(
          "`\(callee)` could not be lowered", at: range,
          hint: "this is a dmascope bug: its lowering gave no reason")
      }
      return
    }
    guard kind == declaration.returns else {
      error(
        "`\(callee)` returned \(kind?.rawValue ?? "nothing"), but its declaration says "
          + "\(declaration.returns?.rawValue ?? "nothing")", at: range,
        hint: "this is a dmascope bug: CallRegistry and the lowering disagree")
      return
    }
    if let assignTo {
      guard let kind else {
        error("`\(callee)` returns nothing to assign", at: range)
        return
      }
      variables[assignTo] = kind
    }
    append(operation, result: assignTo, statement)
  }

  /// Runs the call's lowering function (one per `CallLowering` group, switched exhaustively).
  private mutating func lower(
    _ declaration: CallDeclaration, _ args: [Expression], _ label: (String) -> Expression?,
    assignTo: String?, range: SourceRange
  ) -> (Operation, ValueKind?)? {
    let callee = declaration.name
    switch declaration.lowering {
    case .core: return operation(callee, args, label)
    case .engine: return engineOperation(callee, args)
    case .board: return boardOperation(callee, args)
    case .memoryAttributes: return memoryAttributeOperation(callee, args)
    case .kernelMemory: return kernelMemoryOperation(callee, args, label)
    case .pages: return pageOperation(callee, args)
    case .lessonCalls: return lessonCallOperation(callee, args, label)
    case .dmaBuf: return dmaBufOperation(callee, args)
    case .device:
      return deviceOperation(callee, args, label, assignTo: assignTo, range: range)
    }
  }

  private mutating func operation(
    _ callee: String, _ args: [Expression], _ label: (String) -> Expression?
  ) -> (Operation, ValueKind?)? {
    switch callee {
    case "dma_request_chan":
      guard let dev = device(args[0]), let name = string(args[1], "the channel name") else {
        return nil
      }
      return (.dmaRequestChan(device: dev, name: name), .channel)
    case "dma_release_channel":
      return variable(args[0], .channel).map { (.dmaReleaseChannel(channel: $0), nil) }
    case "dmaengine_slave_config": return slaveConfig(args[0], label)
    case "kmalloc", "kzalloc":
      guard let size = requireInteger(args[0], "the size"),
        var gfp = flags(args[1], GFPFlags.named.map { ($0.name, $0.flags) }, "GFP flag")
      else { return nil }
      if callee == "kzalloc" { gfp.insert(.zero) }
      return (.kmalloc(size: size, flags: gfp), .pointer)
    case "kfree": return variable(args[0], .pointer).map { (.kfree($0), nil) }
    case "cpu_write":
      guard let pointer = variable(args[0], .pointer),
        let offset = requireInteger(args[1], "the offset"), var data = bytes(args[2])
      else { return nil }
      if let repeatExpression = label("repeat") {
        guard let count = requireInteger(repeatExpression, "repeat") else { return nil }
        guard count >= 1, count * UInt64(data.count) <= Self.maximumCPUAccess else {
          error(
            "`repeat=\(count)` writes \(count * UInt64(data.count)) bytes; one `cpu_write` "
              + "stores 1 to \(Self.maximumCPUAccess)", at: repeatExpression.range,
            hint: "split the write, or use `fill(byte, count)`")
          return nil
        }
        data = Array((0..<count).map { _ in data }.joined())
      }
      return (.cpuWrite(pointer: pointer, offset: offset, bytes: data), nil)
    case "cpu_read":
      guard let pointer = variable(args[0], .pointer),
        let offset = requireInteger(args[1], "the offset"),
        let length = requireInteger(args[2], "the length")
      else { return nil }
      guard length <= Self.maximumCPUAccess else {
        error(
          "`cpu_read` of \(length) bytes; one read loads at most \(Self.maximumCPUAccess)",
          at: args[2].range, hint: "read the part you want to look at, e.g. 64 bytes")
        return nil
      }
      return (.cpuRead(pointer: pointer, offset: offset, length: length), .bytes)
    case "virt_to_phys":
      return variable(args[0], .pointer).map { (.virtToPhys(pointer: $0), .dmaHandle) }
    case "dma_map_single", "dma_unmap_single", "dma_sync_single_for_cpu",
      "dma_sync_single_for_device":
      return mapping(callee, args)
    case "dma_mapping_error":
      guard let dev = device(args[0]), let handle = variable(args[1], .dmaHandle) else {
        return nil
      }
      return (.dmaMappingError(device: dev, handle: handle), .integer)
    case "dmaengine_prep_slave_single": return prepSlaveSingle(args)
    case "dmaengine_submit":
      return variable(args[0], .descriptor).map { (.submit(descriptor: $0), .cookie) }
    case "dma_async_issue_pending":
      return variable(args[0], .channel).map { (.issuePending(channel: $0), nil) }
    case "dmaengine_tx_status":
      guard let chan = variable(args[0], .channel), let cookie = variable(args[1], .cookie) else {
        return nil
      }
      return (.txStatus(channel: chan, cookie: cookie), .status)
    case "wait_for_completion":
      return variable(args[0], .cookie).map { (.waitForCompletion(cookie: $0), nil) }
    default: return nil
    }
  }

  private mutating func engineOperation(_ callee: String, _ args: [Expression]) -> (
    Operation, ValueKind?
  )? {
    switch callee {
    case "dma_alloc_coherent", "dma_alloc_wc":
      guard let dev = device(args[0]), let size = requireInteger(args[1], "the size"),
        let gfp = flags(args[3], GFPFlags.named.map { ($0.name, $0.flags) }, "GFP flag")
      else { return nil }
      guard case .identifier(let handle) = args[2].kind else {
        error(
          "the third argument names the variable that receives the dma_addr_t",
          at: args[2].range, hint: "for example `buf = \(callee)(dev, 4096, handle, GFP_KERNEL)`")
        return nil
      }
      variables[handle] = .dmaHandle
      return (
        .dmaAllocCoherent(
          device: dev, size: size, handle: handle, flags: gfp,
          writeCombine: callee == "dma_alloc_wc"), .pointer
      )
    case "dma_free_coherent":
      guard let dev = device(args[0]), let size = requireInteger(args[1], "the size"),
        let pointer = variable(args[2], .pointer), let handle = variable(args[3], .dmaHandle)
      else { return nil }
      return (.dmaFreeCoherent(device: dev, size: size, pointer: pointer, handle: handle), nil)
    case "cma_alloc":
      guard let count = requireInteger(args[0], "the page count"), count >= 1,
        let align = requireInteger(args[1], "the alignment order"), align <= 12
      else { return nil }
      return (.cmaAlloc(count: count, align: Int(align)), .pointer)
    case "cma_release":
      guard let pointer = variable(args[0], .pointer),
        let count = requireInteger(args[1], "the page count")
      else { return nil }
      return (.cmaRelease(pointer: pointer, count: count), nil)
    case "sg_init_table":
      guard let count = requireInteger(args[0], "nents"), (1...4096).contains(count) else {
        return nil
      }
      return (.sgInitTable(count: Int(count)), .scatterList)
    case "sg_set_buf":
      guard let table = variable(args[0], .scatterList),
        let index = requireInteger(args[1], "the index"), let pointer = variable(args[2], .pointer),
        let length = requireInteger(args[3], "the length")
      else { return nil }
      return (.sgSetBuf(table: table, index: Int(index), pointer: pointer, length: length), nil)
    case "dma_map_sg", "dma_unmap_sg", "dma_sync_sg_for_cpu", "dma_sync_sg_for_device":
      guard let dev = device(args[0]), let table = variable(args[1], .scatterList),
        let count = requireInteger(args[2], "nents"),
        let direction = constant(
          args[3], DMADataDirection.allCases, name: \.kernelName, "DMA data direction")
      else { return nil }
      if callee == "dma_map_sg" {
        return (
          .dmaMapSG(device: dev, table: table, count: Int(count), direction: direction), .integer
        )
      }
      if callee != "dma_unmap_sg" {
        return (
          .dmaSyncSG(
            forCPU: callee == "dma_sync_sg_for_cpu", device: dev, table: table, count: Int(count),
            direction: direction), nil
        )
      }
      return (.dmaUnmapSG(device: dev, table: table, count: Int(count), direction: direction), nil)
    case "dmaengine_prep_slave_sg":
      guard let chan = variable(args[0], .channel), let table = variable(args[1], .scatterList),
        let direction = constant(
          args[3], DMATransferDirection.allCases, name: \.kernelName, "transfer direction"),
        let ctrl = flags(args[4], DMACtrlFlags.named.map { ($0.name, $0.flag) }, "dma_ctrl_flags")
      else { return nil }
      let count: Operand
      if let constant = integer(args[2]) {
        count = .literal(.integer(Int64(min(constant, 4096))))
      } else {
        guard let counted = variable(args[2], .integer) else { return nil }
        count = counted
      }
      return (
        .prepSlaveSG(channel: chan, table: table, count: count, direction: direction, flags: ctrl),
        .descriptor
      )
    case "dma_request_chan_by_mask":
      guard case .identifier(let capability) = args[0].kind,
        ["DMA_MEMCPY", "DMA_SLAVE", "DMA_CYCLIC", "DMA_INTERLEAVE"].contains(capability)
      else {
        error("expected a capability such as DMA_MEMCPY", at: args[0].range)
        return nil
      }
      return (.dmaRequestChanByMask(capability: capability), .channel)
    case "dmaengine_pause": return variable(args[0], .channel).map { (.dmaPause(channel: $0), nil) }
    case "dmaengine_resume":
      return variable(args[0], .channel).map { (.dmaResume(channel: $0), nil) }
    case "dmaengine_terminate_async":
      return variable(args[0], .channel).map { (.terminateAsync(channel: $0), nil) }
    case "dmaengine_terminate_sync":
      return variable(args[0], .channel).map { (.terminateSync(channel: $0), nil) }
    case "dmaengine_synchronize":
      return variable(args[0], .channel).map { (.synchronize(channel: $0), nil) }
    case "dmaengine_desc_set_reuse":
      return variable(args[0], .descriptor).map { (.descSetReuse(descriptor: $0), .integer) }
    case "dmaengine_desc_free":
      return variable(args[0], .descriptor).map { (.descFree(descriptor: $0), .integer) }
    case "device_receive":
      guard let dev = device(args[0]), let data = bytes(args[1]) else { return nil }
      return (.deviceReceive(device: dev, bytes: data), nil)
    case "dmaengine_prep_dma_memcpy":
      guard let chan = variable(args[0], .channel), let dst = variable(args[1], .dmaHandle),
        let src = variable(args[2], .dmaHandle), let length = requireInteger(args[3], "the length"),
        let ctrl = flags(args[4], DMACtrlFlags.named.map { ($0.name, $0.flag) }, "dma_ctrl_flags")
      else { return nil }
      return (
        .prepDmaMemcpy(channel: chan, destination: dst, source: src, length: length, flags: ctrl),
        .descriptor
      )
    case "dmaengine_prep_dma_cyclic":
      guard let chan = variable(args[0], .channel), let handle = variable(args[1], .dmaHandle),
        let length = requireInteger(args[2], "buf_len"),
        let period = requireInteger(args[3], "period_len"),
        let direction = constant(
          args[4], DMATransferDirection.allCases, name: \.kernelName, "transfer direction"),
        let ctrl = flags(args[5], DMACtrlFlags.named.map { ($0.name, $0.flag) }, "dma_ctrl_flags")
      else { return nil }
      return (
        .prepDmaCyclic(
          channel: chan, buffer: handle, bufferLength: length, periodLength: period,
          direction: direction, flags: ctrl), .descriptor
      )
    default: return nil
    }
  }

  private mutating func mapping(_ callee: String, _ args: [Expression]) -> (Operation, ValueKind?)?
  {
    let map = callee == "dma_map_single"
    guard let dev = device(args[0]), let target = variable(args[1], map ? .pointer : .dmaHandle),
      let size = requireInteger(args[2], "the size"),
      let direction = constant(
        args[3], DMADataDirection.allCases, name: \.kernelName, "DMA data direction")
    else { return nil }
    if map {
      return (
        .dmaMapSingle(device: dev, pointer: target, size: size, direction: direction), .dmaHandle
      )
    }
    switch callee {
    case "dma_sync_single_for_cpu":
      return (
        .dmaSyncSingleForCPU(device: dev, handle: target, size: size, direction: direction), nil
      )
    case "dma_sync_single_for_device":
      return (
        .dmaSyncSingleForDevice(device: dev, handle: target, size: size, direction: direction),
        nil
      )
    default:
      return (
        .dmaUnmapSingle(device: dev, handle: target, size: size, direction: direction), nil
      )
    }
  }
}
