/// The static kind of a scenario variable, known from the call that assigned it.
enum ValueKind: String, Hashable, Sendable {
  case pointer = "a CPU pointer"
  case dmaHandle = "a dma_addr_t"
  case channel = "a DMA channel"
  case descriptor = "a descriptor"
  case cookie = "a cookie"
  case integer = "an integer"
  case status = "a dma_status"
  case bytes = "bytes"
  case scatterList = "a scatter-gather table"
  case interleavedTemplate = "a dma_interleaved_template"
  case dmaPool = "a dma_pool"
  case dmaBuf = "a dma_buf"
  case dmaBufAttachment = "a dma_buf_attachment"
  case page = "a struct page *"
}
