extension LessonLibrary {
  /// The default lesson: one buffer, one streaming mapping, one slave transfer.
  public static let firstTransfer = Lesson(
    name: "first-transfer",
    summary: "kmalloc, CPU writes, dma_map_single cleans, one descriptor moves to a FIFO",
    source: """
      # dmascope default lesson: the whole path of one DMA transfer.
      lesson "Your first DMA transfer"
      board minimal

      say "spi0 has a TX FIFO and a DMA request line. Its driver asks for the channel wired to it."
      chan = dma_request_chan(spi0, "tx")
      say "The channel must know the peripheral side: FIFO address, 4-byte words, bursts of 4."
      dmaengine_slave_config(chan, dst_addr_width=4, dst_maxburst=4)

      say "kmalloc returns linear-map memory: physically contiguous and cacheable (MT_NORMAL)."
      buf = kmalloc(128, GFP_KERNEL)
      expect buf != NULL
      say "The CPU fills the buffer. The stores land in the cache: the lines are now dirty, RAM is stale."
      cpu_write(buf, 0, "Hello, DMA world", repeat=8)
      expect line_state(buf) == dirty
      expect ram(buf, 0, 5) == [0, 0, 0, 0, 0]

      say "spi0 is not DMA-coherent: it reads RAM, never the cache. dma_map_single cleans the lines."
      handle = dma_map_single(spi0, buf, 128, DMA_TO_DEVICE)
      expect line_state(buf) == clean
      expect ram(buf, 0, 5) == "Hello"
      say "From now on the device owns the buffer. Always check the handle before using it."
      ret = dma_mapping_error(spi0, handle)
      expect ret == 0

      say "Prepare a descriptor: it waits on desc_allocated, without a cookie yet."
      desc = dmaengine_prep_slave_single(chan, handle, 128, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      expect desc_allocated(chan) == [desc]
      say "dmaengine_submit gives it cookie 2 (the channel starts at 1) and queues it on desc_submitted."
      cookie = dmaengine_submit(desc)
      expect cookie == 2
      expect desc_submitted(chan) == [cookie]
      say "Nothing moves until issue_pending: submitted descriptors go to desc_issued and the hardware starts."
      dma_async_issue_pending(chan)
      say "The CPU sleeps. The channel moves 4-byte beats into the FIFO whenever spi0 raises DRQ."
      wait_for_completion(cookie)
      expect tx_status(chan, cookie) == DMA_COMPLETE
      expect wire(spi0, 0, 16) == "Hello, DMA world"

      say "The callback ran, so the CPU takes the buffer back. TO_DEVICE needs no invalidate."
      dma_unmap_single(spi0, handle, 128, DMA_TO_DEVICE)
      expect mappings() == 0
      kfree(buf)
      """)
}
