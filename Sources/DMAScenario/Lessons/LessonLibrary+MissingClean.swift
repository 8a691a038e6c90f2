extension LessonLibrary {
  /// The classic bug: a physical address handed to the device with no cache maintenance.
  public static let missingClean = Lesson(
    name: "missing-clean",
    summary: "the bug: virt_to_phys instead of dma_map_single, and the device sends stale RAM",
    source: """
      # A driver bug, then its fix.
      lesson "The missing clean: virt_to_phys is not a DMA mapping"
      board minimal

      chan = dma_request_chan(spi0, "tx")
      dmaengine_slave_config(chan, dst_addr_width=4, dst_maxburst=4)
      buf = kmalloc(64, GFP_KERNEL)
      say "The CPU writes the message. It sits in a dirty cache line; RAM still holds zeros."
      cpu_write(buf, 0, "Data the device must send, but never will. ", repeat=1)
      cpu_write(buf, 44, fill(0x2e, 20))
      expect dirty_lines(buf, 64) == 1
      expect ram(buf, 0, 4) == [0, 0, 0, 0]

      say "The bug: the driver uses the physical address directly. No clean happens."
      handle = virt_to_phys(buf)
      desc = dmaengine_prep_slave_single(chan, handle, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cookie = dmaengine_submit(desc)
      dma_async_issue_pending(chan)
      say "Watch the beats: the channel reads RAM, which is still zero. The wire gets zeros."
      wait_for_completion(cookie)
      expect wire(spi0, 0, 4) == [0, 0, 0, 0]
      expect cpu_view(buf, 0, 4) == "Data"
      pause

      say "The fix: dma_map_single cleans the dirty lines to RAM before the device looks."
      handle2 = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
      expect dirty_lines(buf, 64) == 0
      dma_mapping_error(spi0, handle2)
      desc2 = dmaengine_prep_slave_single(chan, handle2, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cookie2 = dmaengine_submit(desc2)
      dma_async_issue_pending(chan)
      say "Cookie 3 this time. Now the beats carry the CPU's bytes."
      wait_for_completion(cookie2)
      expect cookie2 == 3
      expect wire(spi0, 64, 4) == "Data"
      dma_unmap_single(spi0, handle2, 64, DMA_TO_DEVICE)
      kfree(buf)
      """)
}
