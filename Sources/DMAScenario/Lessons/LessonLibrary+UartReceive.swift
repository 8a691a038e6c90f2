extension LessonLibrary {
  /// Lesson `uart-receive`: DEV_TO_MEM: reading before the unmap sees stale cache lines, then the fix.
  public static let uartReceive = Lesson(
    name: "uart-receive",
    summary: "DEV_TO_MEM: reading before the unmap sees stale cache lines, then the fix",
    source: #"""
      # DMA_FROM_DEVICE: the device writes RAM behind the cache's back.
      lesson "Receiving: why the CPU must not read until the unmap"
      board soc

      rx = dma_request_chan(uart0, "rx")
      dmaengine_slave_config(rx, src_addr_width=1, src_maxburst=4)
      buf = kmalloc(64, GFP_KERNEL)
      say "The driver clears the buffer first. The zeros sit in cache lines, which stay valid."
      cpu_write(buf, 0, fill(0x2d, 64))
      say "Mapping FROM_DEVICE on arm64 cleans the lines (old kernels invalidated them): they stay valid."
      h = dma_map_single(uart0, buf, 64, DMA_FROM_DEVICE)
      expect line_state(buf) == clean
      dma_mapping_error(uart0, h)
      d = dmaengine_prep_slave_single(rx, h, 16, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(rx)
      say "Bytes arrive on the UART wire; the channel moves them from the RX FIFO into RAM."
      device_receive(uart0, "ping from uart!\n")
      wait_for_completion(c)
      expect ram(buf, 0, 16) == "ping from uart!\n"
      expect cpu_view(buf, 0, 16) == fill(0x2d, 16)
      say "The bug: reading before the unmap. The cache still holds the old dashes, RAM has the message."
      early = cpu_read(buf, 0, 16)
      expect early == "----------------"
      pause
      say "The fix: dma_unmap_single invalidates the lines (arch_sync_dma_for_cpu), then the CPU reads RAM."
      dma_unmap_single(uart0, h, 64, DMA_FROM_DEVICE)
      late = cpu_read(buf, 0, 16)
      expect late == "ping from uart!\n"
      kfree(buf)
      """#)
}
