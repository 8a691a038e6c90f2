extension LessonLibrary {
  /// Lesson `scatter-gather-mmc`: scatter-gather by hardware LLIs (MMC on dma1) and by an interrupt per segment (SPI on dma0).
  public static let scatterGatherMMC = Lesson(
    name: "scatter-gather-mmc",
    summary:
      "scatter-gather by hardware LLIs (MMC on dma1) and by an interrupt per segment (SPI on dma0)",
    source: #"""
      # Scatter-gather two ways: a controller that walks linked-list items in memory, and one whose
      # driver reprograms it from the interrupt handler for every segment.
      lesson "Scatter-gather: LLIs in memory or an interrupt per segment"
      board soc

      say "dma0 has no linked-list support: for a scatter-gather list its driver programs one segment, takes the interrupt, programs the next."
      spi = dma_request_chan(spi0, "tx")
      dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
      a = kmalloc(64, GFP_KERNEL)
      cpu_write(a, 0, "first segment, 32 bytes long....")
      b = kmalloc(64, GFP_KERNEL)
      cpu_write(b, 0, "second segment, also 32 bytes...")
      sg = sg_init_table(2)
      sg_set_buf(sg, 0, a, 32)
      sg_set_buf(sg, 1, b, 32)
      n = dma_map_sg(spi0, sg, 2, DMA_TO_DEVICE)
      expect n == 2
      d = dmaengine_prep_slave_sg(spi, sg, n, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(spi)
      say "Watch the log: an IRQ after the first segment (the driver programs segment 2/2), then the completion IRQ."
      wait_for_completion(c)
      dma_unmap_sg(spi0, sg, 2, DMA_TO_DEVICE)

      say "dma1 walks hardware LLIs: at prep its driver takes one 16-byte item per segment from a dma_pool and the CPU writes src, dst, next and control into coherent memory."
      rx = dma_request_chan(mmc0, "rx")
      dmaengine_slave_config(rx, src_addr_width=4, src_maxburst=8)
      b0 = kzalloc(512, GFP_KERNEL)
      b1 = kzalloc(512, GFP_KERNEL)
      sgr = sg_init_table(2)
      sg_set_buf(sgr, 0, b0, 512)
      sg_set_buf(sgr, 1, b1, 512)
      m = dma_map_sg(mmc0, sgr, 2, DMA_FROM_DEVICE)
      r = dmaengine_prep_slave_sg(rx, sgr, m, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      cr = dmaengine_submit(r)
      say "The MMC driver queues the DMA first, then sends CMD18: the card streams blocks 5 and 6 into the data FIFO and DRQ rises as it fills."
      dma_async_issue_pending(rx)
      mmc_send_cmd(mmc0, MMC_READ_MULTIPLE_BLOCK, 5, 2)
      say "The channel fetches LLI 1 through the bus, moves 512 bytes, follows the next pointer to LLI 2: one interrupt for the whole list."
      run 200 ticks
      say "Part-way, dma1 reports residue per segment: the block in flight still counts whole."
      s = dmaengine_tx_status(rx, cr)
      expect s == DMA_IN_PROGRESS
      wait_for_completion(cr)
      dma_unmap_sg(mmc0, sgr, 2, DMA_FROM_DEVICE)
      expect cpu_view(b0, 0, 6) == "blk 5 "
      expect cpu_view(b1, 0, 6) == "blk 6 "

      say "Writing is the same list the other way: CMD25 opens the data phase and the FIFO drains into the card."
      tx = dma_request_chan(mmc0, "tx")
      dmaengine_slave_config(tx, dst_addr_width=4, dst_maxburst=8)
      cpu_write(b0, 0, "written by DMA ", repeat=34)
      cpu_write(b1, 0, "and the second block ", repeat=24)
      w = dma_map_sg(mmc0, sgr, 2, DMA_TO_DEVICE)
      wd = dmaengine_prep_slave_sg(tx, sgr, w, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cw = dmaengine_submit(wd)
      dma_async_issue_pending(tx)
      mmc_send_cmd(mmc0, MMC_WRITE_MULTIPLE_BLOCK, 20, 2)
      wait_for_completion(cw)
      run 100 ticks
      dma_unmap_sg(mmc0, sgr, 2, DMA_TO_DEVICE)
      say "Read blocks 20 and 21 back into fresh buffers: the bytes survived the round trip."
      c0 = kzalloc(512, GFP_KERNEL)
      c1 = kzalloc(512, GFP_KERNEL)
      sgc = sg_init_table(2)
      sg_set_buf(sgc, 0, c0, 512)
      sg_set_buf(sgc, 1, c1, 512)
      k = dma_map_sg(mmc0, sgc, 2, DMA_FROM_DEVICE)
      back = dmaengine_prep_slave_sg(rx, sgc, k, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      cb = dmaengine_submit(back)
      dma_async_issue_pending(rx)
      mmc_send_cmd(mmc0, MMC_READ_MULTIPLE_BLOCK, 20, 2)
      wait_for_completion(cb)
      dma_unmap_sg(mmc0, sgc, 2, DMA_FROM_DEVICE)
      expect cpu_view(c0, 0, 15) == "written by DMA "
      expect cpu_view(c1, 0, 21) == "and the second block "
      """#)
}
