import DMASim

extension Lowerer {
  /// Lowers the allocations whose DMA-ability a lesson compares with kmalloc.
  mutating func kernelMemoryOperation(
    _ callee: String, _ args: [Expression], _ label: (String) -> Expression?
  ) -> (Operation, ValueKind?)? {
    switch callee {
    case "vmalloc":
      guard let size = requireInteger(args[0], "the size") else { return nil }
      guard size >= 1, size <= 4 << 20 else {
        error("vmalloc size must be 1 byte to 4 MiB", at: args[0].range)
        return nil
      }
      return (.vmalloc(size: size), .pointer)
    case "__get_free_pages":
      guard let gfp = flags(args[0], GFPFlags.named.map { ($0.name, $0.flags) }, "GFP flag"),
        let order = requireInteger(args[1], "the order")
      else { return nil }
      guard order <= 10 else {
        error(
          "order \(order) is above MAX_PAGE_ORDER (10)", at: args[1].range,
          hint: "larger contiguous buffers come from CMA: `cma_alloc(count, align)`")
        return nil
      }
      return (.getFreePages(order: Int(order), flags: gfp), .pointer)
    default:
      guard let size = requireInteger(args[0], "the size") else { return nil }
      guard size >= 1, size <= 4096 else {
        error(
          "a stack buffer must be 1 to 4096 bytes", at: args[0].range,
          hint: "kernel stacks are 16 KiB on arm64; big buffers belong in kmalloc")
        return nil
      }
      var vmapped = true
      if let flag = label("vmap_stack") {
        guard let value = integer(flag), value <= 1 else {
          error("`vmap_stack` is 0 or 1", at: flag.range, hint: "CONFIG_VMAP_STACK=y is 1")
          return nil
        }
        vmapped = value == 1
      }
      return (.stackBuffer(size: size, vmapped: vmapped), .pointer)
    }
  }
}
