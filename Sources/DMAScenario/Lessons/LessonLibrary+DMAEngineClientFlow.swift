extension LessonLibrary {
  /// Lesson `dmaengine-client-flow`: the dmaengine client steps one by one: request, configure, prep, submit, issue, wait, release.
  public static let dmaengineClientFlow = Lesson(
    name: "dmaengine-client-flow",
    summary:
      "the dmaengine client steps one by one: request, configure, prep, submit, issue, wait, release",
    source: #"""
      # The dmaengine client API, one step at a time (Documentation/driver-api/dmaengine/client.rst).
      lesson "The dmaengine client flow"
      board soc

      say "Step 1: allocate a DMA slave channel. The SPI driver asks for the channel its device-tree node names \"tx\"."
      chan = dma_request_chan(spi0, "tx")
      say "Step 2: set the slave parameters: the FIFO's width and how many words the peripheral takes per request."
      dmaengine_slave_config(chan, dst_addr_width=4, dst_maxburst=4)

      buf = kmalloc(64, GFP_KERNEL)
      cpu_write(buf, 0, "dmaengine: request, configure, prep, submit, issue, wait......!")
      handle = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
      ret = dma_mapping_error(spi0, handle)
      expect ret == 0

      say "Step 3: get a descriptor. vchan_tx_prep puts it on desc_allocated; nothing has a cookie yet."
      desc = dmaengine_prep_slave_single(chan, handle, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      expect desc_allocated(chan) == [desc]
      say "Step 4: submit. dma_cookie_assign hands out cookie 2 (the channel starts at 1) and the descriptor moves to desc_submitted."
      cookie = dmaengine_submit(desc)
      expect cookie == 2
      expect desc_submitted(chan) == [cookie]
      say "Submitted is not started: the hardware has not seen the descriptor."
      s1 = dmaengine_tx_status(chan, cookie)
      expect s1 == DMA_IN_PROGRESS
      expect count(wire(spi0)) == 0
      say "Step 5: issue pending. vchan_issue_pending splices desc_submitted onto desc_issued and the driver starts an idle channel."
      dma_async_issue_pending(chan)
      say "The channel moves one beat per request from the SPI FIFO while the CPU waits for the callback."
      wait_for_completion(cookie)
      say "The interrupt ran vchan_cookie_complete, the tasklet ran our callback and freed the descriptor."
      s2 = dmaengine_tx_status(chan, cookie)
      expect s2 == DMA_COMPLETE
      expect count(desc_completed(chan)) == 0
      dma_unmap_single(spi0, handle, 64, DMA_TO_DEVICE)
      run 300 ticks
      expect wire(spi0, 0, 9) == "dmaengine"
      kfree(buf)
      say "Last, give the channel back."
      dma_release_channel(chan)
      """#)
}
