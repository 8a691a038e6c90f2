import DMASim

extension Lowerer {
  /// Lowers the dma-buf calls.
  mutating func dmaBufOperation(_ callee: String, _ args: [Expression]) -> (
    Operation, ValueKind?
  )? {
    func direction(_ expression: Expression) -> DMADataDirection? {
      constant(expression, DMADataDirection.allCases, name: \.kernelName, "DMA data direction")
    }
    switch callee {
    case "dma_buf_export":
      guard let size = requireInteger(args[0], "the size") else { return nil }
      guard size >= 1, size <= 1 << 20 else {
        error("a dma-buf here is 1 byte to 1 MiB", at: args[0].range)
        return nil
      }
      return (.dmaBuf(.export(size: size)), .dmaBuf)
    case "dma_buf_vmap":
      return variable(args[0], .dmaBuf).map { (.dmaBuf(.vmap($0)), .pointer) }
    case "dma_buf_attach":
      guard let buffer = variable(args[0], .dmaBuf), let dev = device(args[1]) else { return nil }
      return (.dmaBuf(.attach(buffer, device: dev)), .dmaBufAttachment)
    case "dma_buf_map_attachment":
      guard let attachment = variable(args[0], .dmaBufAttachment),
        let dir = direction(args[1])
      else { return nil }
      return (.dmaBuf(.mapAttachment(attachment, dir)), .scatterList)
    case "dma_buf_unmap_attachment":
      guard let attachment = variable(args[0], .dmaBufAttachment),
        let table = variable(args[1], .scatterList), let dir = direction(args[2])
      else { return nil }
      return (.dmaBuf(.unmapAttachment(attachment, table: table, dir)), nil)
    case "dma_buf_detach":
      guard let buffer = variable(args[0], .dmaBuf),
        let attachment = variable(args[1], .dmaBufAttachment)
      else { return nil }
      return (.dmaBuf(.detach(buffer, attachment: attachment)), nil)
    default:
      guard let buffer = variable(args[0], .dmaBuf), let dir = direction(args[1]) else {
        return nil
      }
      return callee == "dma_buf_begin_cpu_access"
        ? (.dmaBuf(.beginCPUAccess(buffer, dir)), nil)
        : (.dmaBuf(.endCPUAccess(buffer, dir)), nil)
    }
  }
}
