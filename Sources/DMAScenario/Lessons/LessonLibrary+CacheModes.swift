extension LessonLibrary {
  /// Lesson `cache-modes`: the C/B table: write-back, write-combine and Device memory, and the missing wmb().
  public static let cacheModes = Lesson(
    name: "cache-modes",
    summary: "the C/B table: write-back, write-combine and Device memory, and the missing wmb()",
    source: #"""
      # The cache/buffer table: the same stores through each memory type, and what the device sees.
      lesson "Cache modes: write-back, write-combine, device memory and the barrier between them"
      board soc

      say "ARM describes memory with two bits: C=1 B=1 write-back, C=1 B=0 write-through, C=0 B=1 bufferable (write-combine), C=0 B=0 strongly ordered."
      say "arm64 names them in MAIR: MT_NORMAL, MT_NORMAL_NC, MT_DEVICE_nGnRE, MT_DEVICE_nGnRnE. Write-through left arm64's MAIR in v5.11; ARM32 keeps it (cachepolicy=writethrough)."
      buf = kmalloc(64, GFP_KERNEL)
      show_pte(buf)
      say "C=1 B=1: the store lands in a dirty cache line. The CPU sees it; RAM, and so spi0, do not."
      cpu_write(buf, 0, "write-back")
      expect cpu_view(buf, 0, 10) == "write-back"
      expect device_view(spi0, buf, 0, 10) != "write-back"
      say "dma_map_single cleans the line (dc cvac): now the device reads the CPU's bytes."
      h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
      dma_mapping_error(spi0, h)
      expect device_view(spi0, buf, 0, 10) == "write-back"
      dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
      pause

      say "C=0 B=1: dma_alloc_wc remaps the pages MT_NORMAL_NC with 4K entries; show_pte also finds the cacheable linear alias."
      wc = dma_alloc_wc(spi0, 4096, wc_dma, GFP_KERNEL)
      show_pte(wc)
      say "Four stores to one line touch no cache line: they merge in the write buffer. RAM has none of them yet."
      cpu_write(wc, 0, "comb")
      cpu_write(wc, 4, "ined")
      cpu_write(wc, 8, " sto")
      cpu_write(wc, 12, "res!")
      expect cpu_view(wc, 0, 16) == "combined stores!"
      expect device_view(spi0, wc, 0, 16) != "combined stores!"
      say "wmb() is dsb st on arm64: the buffer drains, one burst for the whole line, and the device sees the data."
      wmb()
      expect device_view(spi0, wc, 0, 16) == "combined stores!"
      pause

      say "C=0 B=0: ioremap_np maps the codec's registers MT_DEVICE_nGnRnE. Device accesses never merge or wait: each goes to the bus, in order."
      regs = ioremap_np(0x09050000, 0x1000)
      show_pte(regs)
      iounmap(regs)

      say "The bug: an I2S codec plays a write-combined ring in a loop while the driver refills one period."
      i2s = dma_request_chan(i2s0, "tx")
      dmaengine_slave_config(i2s, dst_addr_width=4, dst_maxburst=8)
      ring = dma_alloc_wc(i2s0, 4096, ring_dma, GFP_KERNEL)
      cpu_write(ring, 0, "old!", repeat=64)
      d = dmaengine_prep_dma_cyclic(i2s, ring_dma, 256, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      say "issue_pending rings the controller with writel, whose __iowmb drains the buffer: the first pass plays what was written."
      dma_async_issue_pending(i2s)
      run 300 ticks
      say "The driver writes new samples into period 2 and forgets the barrier. The stores wait in the write buffer..."
      cpu_write(ring, 128, "NEW!", repeat=16)
      run 200 ticks
      say "...while the DMA fetches period 2 from RAM: the codec plays the old samples once more."
      expect wire(i2s0, 384, 16) == "old!old!old!old!"
      pause
      say "The fix: wmb() after filling a period, before the device can reach it."
      cpu_write(ring, 192, "FIX!", repeat=16)
      wmb()
      run 600 ticks
      say "Period 3 plays the new samples on the very next pass; period 2's stores reached RAM only when the buffer drained on its own."
      expect wire(i2s0, 640, 4) == "NEW!"
      expect wire(i2s0, 704, 16) == "FIX!FIX!FIX!FIX!"
      dmaengine_terminate_sync(i2s)
      dma_free_coherent(i2s0, 4096, ring, ring_dma)
      dma_free_coherent(spi0, 4096, wc, wc_dma)
      kfree(buf)
      """#)
}
