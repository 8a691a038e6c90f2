/// Which lowering function turns a call into a `DMASim.Operation`. `Lowerer.lower(_:…)` switches
/// over every case, so a new group without a dispatch is a compile error, and a call its
/// group's function does not lower is reported instead of dropped.
enum CallLowering: Hashable, Sendable {
  /// `Lowerer+Calls.swift`: channels, kmalloc, CPU accesses, single mappings, the client flow.
  case core
  /// `Lowerer+Calls.swift` (`engineOperation`): coherent, CMA, scatter-gather, engine controls.
  case engine
  /// `Lowerer+Pool.swift`: DMA masks and dma_pool.
  case board
  /// `Lowerer+MemoryAttributes.swift`: barriers, remaps, `show_pte`.
  case memoryAttributes
  /// `Lowerer+KernelMemory.swift`: vmalloc, `__get_free_pages`, stack buffers.
  case kernelMemory
  /// `Lowerer+Pages.swift`: `struct page` calls, `dma_map_page`, driver unbinding.
  case pages
  /// `Lowerer+LessonCalls.swift`: dmatest and page pins.
  case lessonCalls
  /// `Lowerer+DMABuf.swift`: the dma-buf calls.
  case dmaBuf
  /// `Lowerer+Interleaved.swift`: interleaved templates, MMC, `writel`, `cpu_write_le32`.
  case device
}
