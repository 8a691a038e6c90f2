extension LessonLibrary {
  /// Lesson `arbiter`: three virtual channels share two physical channels; the arbiter queues the third.
  public static let arbiter = Lesson(
    name: "arbiter",
    summary: "three virtual channels share two physical channels; the arbiter queues the third",
    source: #"""
      # Three virtual channels, two physical channels: the arbiter decides who runs.
      lesson "Virtual channels share physical channels"
      board soc

      say "dma0 has two physical channels but offers a virtual channel per request line, plus memcpy channels."
      uart = dma_request_chan(uart0, "tx")
      dmaengine_slave_config(uart, dst_addr_width=1, dst_maxburst=4)
      spi = dma_request_chan(spi0, "tx")
      dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
      m = dma_request_chan_by_mask(DMA_MEMCPY)

      buf = kmalloc(64, GFP_KERNEL)
      cpu_write(buf, 0, "Shared channels! ", repeat=3)
      cpu_write(buf, 51, "............!")
      hu = dma_map_single(uart0, buf, 64, DMA_TO_DEVICE)
      dma_mapping_error(uart0, hu)
      hs = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
      dma_mapping_error(spi0, hs)
      dst = kmalloc(64, GFP_KERNEL)
      hd = dma_map_single(dma0, dst, 64, DMA_FROM_DEVICE)
      dma_mapping_error(dma0, hd)
      hm = dma_map_single(dma0, buf, 64, DMA_TO_DEVICE)
      dma_mapping_error(dma0, hm)

      say "Each client queues work on its own virtual channel. Nothing runs before issue_pending."
      du = dmaengine_prep_slave_single(uart, hu, 24, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cu = dmaengine_submit(du)
      ds = dmaengine_prep_slave_single(spi, hs, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cs = dmaengine_submit(ds)
      dm = dmaengine_prep_dma_memcpy(m, hd, hm, 64, DMA_PREP_INTERRUPT)
      cm = dmaengine_submit(dm)
      say "Three channels ask, two physical channels exist: the third waits in the arbiter's queue."
      dma_async_issue_pending(uart)
      dma_async_issue_pending(spi)
      dma_async_issue_pending(m)
      expect desc_issued(m) == [cm]
      wait_for_completion(cu)
      expect tx_status(uart, cu) == DMA_COMPLETE
      expect tx_status(m, cm) == DMA_IN_PROGRESS
      say "The UART finished first, so its physical channel went to the memcpy channel that waited."
      wait_for_completion(cm)
      wait_for_completion(cs)
      dma_unmap_single(dma0, hd, 64, DMA_FROM_DEVICE)
      copy = cpu_read(dst, 0, 16)
      expect copy == "Shared channels!"
      expect dma_debug_errors() == 0
      """#)
}
