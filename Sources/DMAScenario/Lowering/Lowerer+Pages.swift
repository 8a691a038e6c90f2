import DMASim

extension Lowerer {
  /// Lowers the page calls.
  mutating func pageOperation(_ callee: String, _ args: [Expression]) -> (Operation, ValueKind?)? {
    switch callee {
    case "alloc_pages":
      if case .identifier("GFP_HIGHUSER_MOVABLE") = args[0].kind {
        guard let order = requireInteger(args[1], "the order") else { return nil }
        guard order <= 10 else {
          error("order \(order) is above MAX_PAGE_ORDER (10)", at: args[1].range)
          return nil
        }
        return (.allocMovablePages(order: Int(order)), .page)
      }
      guard let gfp = flags(args[0], GFPFlags.named.map { ($0.name, $0.flags) }, "GFP flag"),
        let order = requireInteger(args[1], "the order")
      else { return nil }
      guard order <= 10 else {
        error(
          "order \(order) is above MAX_PAGE_ORDER (10)", at: args[1].range,
          hint: "larger contiguous buffers come from CMA: `cma_alloc(count, align)`")
        return nil
      }
      if gfp.contains(.movable) { return (.allocMovablePages(order: Int(order)), .page) }
      return (.allocPages(order: Int(order), flags: gfp), .page)
    case "__free_pages":
      guard let page = variable(args[0], .page), let order = requireInteger(args[1], "the order")
      else { return nil }
      guard order <= 10 else {
        error("order \(order) is above MAX_PAGE_ORDER (10)", at: args[1].range)
        return nil
      }
      return (.freePages(page: page, order: Int(order)), nil)
    case "virt_to_page", "vmalloc_to_page":
      return variable(args[0], .pointer).map {
        (.virtToPage(pointer: $0, vmalloc: callee == "vmalloc_to_page"), .page)
      }
    case "page_address":
      return variable(args[0], .page).map { (.pageAddress(page: $0), .pointer) }
    case "device_release_driver":
      return device(args[0]).map { (.deviceReleaseDriver(device: $0), nil) }
    case "dma_map_page":
      guard let dev = device(args[0]), let page = variable(args[1], .page),
        let offset = requireInteger(args[2], "the offset"),
        let size = requireInteger(args[3], "the size"),
        let direction = constant(
          args[4], DMADataDirection.allCases, name: \.kernelName, "DMA data direction")
      else { return nil }
      return (
        .dmaMapPage(device: dev, page: page, offset: offset, size: size, direction: direction),
        .dmaHandle
      )
    default:
      guard let dev = device(args[0]), let handle = variable(args[1], .dmaHandle),
        let size = requireInteger(args[2], "the size"),
        let direction = constant(
          args[3], DMADataDirection.allCases, name: \.kernelName, "DMA data direction")
      else { return nil }
      return (
        .dmaUnmapPage(device: dev, handle: handle, size: size, direction: direction), nil
      )
    }
  }
}
