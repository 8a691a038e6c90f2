extension LessonLibrary {
  /// Lesson `reserved-memory`: reserved memory: a no-map carve-out, CMA, and a device's own coherent pool.
  public static let reservedMemory = Lesson(
    name: "reserved-memory",
    summary:
      "reserved memory: a no-map carve-out, CMA, and a device's own coherent pool",
    source: #"""
      # Reserved memory: what /reserved-memory made of DRAM before the first driver ran.
      lesson "Reserved memory: a no-map carve-out, CMA and a device's own coherent pool"
      board arm64-cma-soc

      say "At boot /reserved-memory made three things: linux,cma (reusable shared-dma-pool, 64 MiB) became the default CMA area; tee@4e000000 (no-map) was cut out of the linear map; vdec-pool@50000000 (shared-dma-pool without reusable) became video_decoder0's coherent pool, memremap'd write-combine when the device attached."
      buf = kmalloc(4096, GFP_KERNEL)
      say "Ordinary allocations never land in a reservation: the page allocator only sees free memblock ranges."
      show_pte(buf)
      v = dma_alloc_coherent(video_decoder0, 12288, hv, GFP_KERNEL)
      say "dma_alloc_coherent asks the device's own pool first (dma_alloc_from_dev_coherent): three pages round up to an order-2 block of four at the start of the pool. No dma-debug entry is made for it."
      expect hv == 0x50000000
      w = dma_alloc_coherent(video_decoder0, 4096, hw, GFP_KERNEL)
      say "The next block starts four pages in. The CPU address is inside the pool's memremap (Normal non-cacheable, 4K pages); show_pte also finds the cacheable linear alias, because this pool is not no-map."
      expect hw == 0x50004000
      show_pte(w)
      big = dma_alloc_coherent(video_decoder0, 16M, hbig, GFP_KERNEL)
      say "16 MiB would need the whole pool free. The pool answers NULL and current kernels do not fall back to CMA or the page allocator."
      expect big == NULL
      u = dma_alloc_coherent(uart0, 16384, hu, GFP_KERNEL)
      say "uart0 has no pool: more than a page with a blocking gfp comes from the default CMA area, whose pages the buddy allocator lends out while CMA does not need them."
      expect cma_used() == 4
      dma_free_coherent(uart0, 16384, u, hu)
      dma_free_coherent(video_decoder0, 4096, w, hw)
      dma_free_coherent(video_decoder0, 12288, v, hv)
      expect cma_used() == 0
      kfree(buf)

      say "The TEE carve-out is no-map: it has no linear-map alias at all. A driver that shares memory with the secure world maps it itself, as the seed's driver does: memremap(r.start, size, MEMREMAP_WB) builds a new cacheable mapping in the vmalloc area."
      tee = memremap(0x4e000000, 4096, MEMREMAP_WB)
      cpu_write(tee, 0, "shared with the secure world")
      expect cpu_view(tee, 0, 6) == "shared"
      show_pte(tee)
      memunmap(tee)
      """#)
}
