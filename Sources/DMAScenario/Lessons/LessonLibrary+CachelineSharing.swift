extension LessonLibrary {
  /// Lesson `cacheline-sharing`: a DMA buffer sharing cache lines with CPU-written fields loses its data; ARCH_DMA_MINALIGN alignment and kmalloc bouncing are the fix.
  public static let cachelineSharing = Lesson(
    name: "cacheline-sharing",
    summary:
      "a DMA buffer sharing a cache line with CPU data: the unmap's clean destroys the received bytes",
    source: #"""
      # A DMA buffer that shares cache lines with CPU data: ARCH_DMA_MINALIGN, then the fix.
      lesson "Cacheline sharing: ARCH_DMA_MINALIGN"
      board arm64-cma-soc

      rx = dma_request_chan(uart0, "rx")
      dmaengine_slave_config(rx, src_addr_width=1, src_maxburst=4)
      say "The bug: struct port { u32 status; u8 rx[120]; u32 count; } from kmalloc (kmalloc-128: the object starts on a cache line). rx shares line 0 with status and line 1 with count."
      port = kmalloc(128, GFP_KERNEL)
      cpu_write(port, 0, "IDLE")
      cpu_write(port, 4, fill(0x2e, 120))
      cpu_write(port, 124, "0000")
      say "Map only rx (port + 4, 120 bytes) for the UART to fill. arm64 cleans both lines to RAM for the device."
      h = dma_map_single(uart0, port + 4, 120, DMA_FROM_DEVICE)
      e = dma_mapping_error(uart0, h)
      expect e == 0
      expect dirty_lines(port, 128) == 0
      d = dmaengine_prep_slave_single(rx, h, 120, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(rx)
      say "Before any byte arrives, the CPU updates the neighbours. Legal C, and rx is not touched, so the kernel's dma-debug sees nothing. But each store pulls a whole 64-byte line into the cache, with rx's old bytes in it, and dirties it."
      cpu_write(port, 0, "BUSY")
      cpu_write(port, 124, "0001")
      expect dirty_lines(port, 128) == 2
      pause

      say "Now the UART writes 120 bytes into RAM, behind the cache."
      device_receive(uart0, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz012345")
      wait_for_completion(c)
      expect ram(port, 4, 4) == "ABCD"
      say "dma_unmap_single runs dcache_inval_poc on port+4..port+124. Neither end is line-aligned, so both edge lines get dc civac: clean, then invalidate. Cleaning writes the CPU's dirty lines back over the device's bytes."
      dma_unmap_single(uart0, h, 120, DMA_FROM_DEVICE)
      ask "The device wrote ABCD... to rx. What does the CPU read at rx[0..3] now?" choices("ABCD", "....") answer "...."
      expect cpu_view(port, 4, 4) == "...."
      expect cpu_view(port, 64, 4) == "...."
      expect ram(port, 4, 4) == "...."
      expect cpu_view(port, 0, 4) == "BUSY"
      say "Every received byte is lost: both lines of rx were shared, and the CPU's stale copy won. (Older kernels, and ARM32, invalidated at map time instead; then it is the CPU's status update that can vanish.) The kernel's dma-debug cannot catch this: status and count are not part of any mapping. dmascope's own coherency checks (kind coherency in the event log) flag it twice: the shared line at map time, and each dirty line written back over the device's bytes."
      kfree(port)
      pause

      say "The fix: keep DMA buffers out of cache lines the CPU writes. Either a separate kmalloc (on arm64, kmalloc objects a non-coherent device may write are ARCH_DMA_MINALIGN-aligned or bounced), or in the struct: u8 rx[128] ____cacheline_aligned, padded to its own ARCH_DMA_MINALIGN (128 bytes on arm64) so nothing follows it in the same line."
      say "The same rule holds for a static or global buffer in a driver: declare it ____cacheline_aligned (better __aligned(ARCH_DMA_MINALIGN)) and keep other data out of its lines."
      port = kmalloc(384, GFP_KERNEL)
      cpu_write(port, 0, "IDLE")
      cpu_write(port, 128, fill(0x2e, 128))
      cpu_write(port, 256, "0000")
      say "Now status sits at offset 0, rx at 128 (128 bytes), count at 256. rx owns its lines."
      h = dma_map_single(uart0, port + 128, 128, DMA_FROM_DEVICE)
      e = dma_mapping_error(uart0, h)
      expect e == 0
      d = dmaengine_prep_slave_single(rx, h, 120, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(rx)
      cpu_write(port, 0, "BUSY")
      cpu_write(port, 256, "0001")
      device_receive(uart0, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz012345")
      wait_for_completion(c)
      dma_unmap_single(uart0, h, 128, DMA_FROM_DEVICE)
      say "The unmap invalidates only rx's own lines; the CPU's stores to status and count live in other lines and survive too."
      expect cpu_view(port, 128, 4) == "ABCD"
      expect cpu_view(port, 0, 4) == "BUSY"
      expect cpu_view(port, 256, 4) == "0001"
      kfree(port)

      say "And a small buffer of its own? Since v6.5 arm64 kmalloc is 8-byte aligned when swiotlb exists, so kmalloc(32) may share a line with someone else's object. dma_kmalloc_needs_bounce catches that case: a non-coherent device, not DMA_TO_DEVICE, under 2 * ARCH_DMA_MINALIGN and a size class that is not a multiple of it. Such a map bounces through swiotlb instead of invalidating lines it does not own."
      small = kmalloc(32, GFP_KERNEL)
      hs = dma_map_single(uart0, small, 32, DMA_FROM_DEVICE)
      es = dma_mapping_error(uart0, hs)
      expect es == 0
      expect swiotlb_used() == 1
      say "A neighbour object from the same kmalloc-32 slab sits in the same 64-byte line. Mapped for the device too, it bounces to a slot of its own, so no data can be lost. dma-debug in v6.16 still tracks the original cache line and reports the overlap; v6.18 stops reporting it when swiotlb is active."
      small2 = kmalloc(32, GFP_KERNEL)
      hs2 = dma_map_single(uart0, small2, 32, DMA_FROM_DEVICE)
      es2 = dma_mapping_error(uart0, hs2)
      expect es2 == 0
      expect swiotlb_used() == 2
      expect dma_debug_errors() == 1
      dma_unmap_single(uart0, hs2, 32, DMA_FROM_DEVICE)
      dma_unmap_single(uart0, hs, 32, DMA_FROM_DEVICE)
      expect swiotlb_used() == 0
      kfree(small2)
      kfree(small)
      """#)
}
