import DMASim

extension Lowerer {
  /// The mask and `dma_pool` calls.
  mutating func boardOperation(_ callee: String, _ args: [Expression]) -> (
    Operation, ValueKind?
  )? {
    switch callee {
    case "dma_set_mask", "dma_set_coherent_mask", "dma_set_mask_and_coherent":
      guard let dev = device(args[0]), let mask = maskValue(args[1]) else { return nil }
      let kind: MaskKind =
        callee == "dma_set_mask"
        ? .streaming : callee == "dma_set_coherent_mask" ? .coherent : .both
      return (.dmaSetMask(device: dev, mask: mask, kind: kind), .integer)
    case "dma_set_max_seg_size", "dma_set_min_align_mask":
      guard let dev = device(args[0]) else { return nil }
      guard let value = integer(args[1]) else {
        error(
          "\(callee) takes a constant integer", at: args[1].range,
          hint: "for example `64K`, `1M` or `0xffffffff` (an unsigned int)")
        return nil
      }
      guard let parameter = DMAParameter.allCases.first(where: { $0.functionName == callee })
      else { return nil }
      return (.dmaSetParameter(device: dev, parameter: parameter, value: value), nil)
    case "dma_set_seg_boundary":
      guard let dev = device(args[0]), let mask = maskValue(args[1]) else { return nil }
      return (.dmaSetParameter(device: dev, parameter: .segmentBoundary, value: mask), .integer)
    case "of_reserved_mem_device_init":
      guard let dev = device(args[0]) else { return nil }
      return (.reservedMemDeviceInit(device: dev), .integer)
    case "of_reserved_mem_device_release":
      guard let dev = device(args[0]) else { return nil }
      return (.reservedMemDeviceRelease(device: dev), nil)
    case "dma_get_max_seg_size", "dma_get_seg_boundary", "dma_get_min_align_mask":
      guard let dev = device(args[0]),
        let parameter = DMAParameter.allCases.first(where: { $0.getterName == callee })
      else { return nil }
      return (.dmaGetParameter(device: dev, parameter: parameter), .integer)
    case "dma_pool_create":
      guard let name = string(args[0], "the pool name"), let dev = device(args[1]),
        let size = requireInteger(args[2], "the block size"),
        let align = requireInteger(args[3], "the alignment"),
        let boundary = requireInteger(args[4], "the boundary")
      else { return nil }
      return (
        .dmaPoolCreate(name: name, device: dev, size: size, align: align, boundary: boundary),
        .dmaPool
      )
    case "dma_pool_alloc", "dma_pool_zalloc":
      guard let pool = variable(args[0], .dmaPool),
        let gfp = flags(args[1], GFPFlags.named.map { ($0.name, $0.flags) }, "GFP flag")
      else { return nil }
      guard case .identifier(let handle) = args[2].kind else {
        error(
          "the third argument names the variable that receives the dma_addr_t",
          at: args[2].range, hint: "for example `blk = \(callee)(pool, GFP_KERNEL, handle)`")
        return nil
      }
      variables[handle] = .dmaHandle
      return (
        .dmaPoolAlloc(pool: pool, flags: gfp, handle: handle, zero: callee == "dma_pool_zalloc"),
        .pointer
      )
    case "dma_pool_free":
      guard let pool = variable(args[0], .dmaPool), let pointer = variable(args[1], .pointer),
        let handle = variable(args[2], .dmaHandle)
      else { return nil }
      return (.dmaPoolFree(pool: pool, pointer: pointer, handle: handle), nil)
    case "dma_pool_destroy":
      return variable(args[0], .dmaPool).map { (.dmaPoolDestroy(pool: $0), nil) }
    default: return nil
    }
  }

  /// A mask: `DMA_BIT_MASK(n)` (n from 0 to 64) or an integer.
  mutating func maskValue(_ expression: Expression) -> UInt64? {
    if case .call("DMA_BIT_MASK", let arguments) = expression.kind {
      guard arguments.count == 1, arguments[0].label == nil,
        let bits = integer(arguments[0].value), bits <= 64
      else {
        error(
          "`DMA_BIT_MASK` takes one bit count from 0 to 64", at: expression.range,
          hint: "for example `DMA_BIT_MASK(32)`")
        return nil
      }
      return DeviceDMAMasks.bitMask(Int(bits))
    }
    guard let mask = integer(expression) else {
      error(
        "expected a mask", at: expression.range,
        hint: "write `DMA_BIT_MASK(n)` or a number such as 0xffffffff")
      return nil
    }
    return mask
  }
}
