extension LessonLibrary {
  /// Lesson `dma-pool`: dma_pool: small coherent blocks, boundaries, LIFO reuse and a busy destroy.
  public static let dmaPool = Lesson(
    name: "dma-pool",
    summary:
      "dma_pool: small coherent blocks, boundaries, LIFO reuse and a busy destroy",
    source: #"""
      # dma_pool: many small coherent blocks carved from coherent pages.
      lesson "dma_pool: small coherent blocks that never cross a boundary"
      board arm64-cma-soc

      say "Drivers that need many small DMA descriptors (USB transfer descriptors, NIC rings) carve them from coherent pages with a dma_pool."
      pool = dma_pool_create("spi-desc", spi0, 96, 32, 256)
      say "96-byte blocks, 32-byte aligned, none may straddle a 256-byte boundary: two fit in each 256 bytes, 32 in a page."
      a = dma_pool_alloc(pool, GFP_KERNEL, ha)
      say "The free list was empty: the pool asked dma_alloc_coherent for one page (cleaned, remapped MT_NORMAL_NC, zeroed) and carved it. The first block is at offset 0."
      b = dma_pool_alloc(pool, GFP_KERNEL, hb)
      say "The second block follows at offset 96; it ends at 192."
      c = dma_pool_alloc(pool, GFP_KERNEL, hc)
      say "A third block at 192 would end at 288, across the 256 boundary, so carving skipped to 256."
      expect hb != ha
      cpu_write(b, 0, "descriptor B")
      dma_pool_free(pool, b, hb)
      say "dma_pool_free pushes the block on the free-list head; the next allocation pops it again (LIFO). dma_pool_zalloc zeroes it."
      z = dma_pool_zalloc(pool, GFP_KERNEL, hz)
      expect hz == hb
      expect cpu_view(z, 0, 12) == fill(0, 12)
      say "Destroying a pool with blocks still allocated is a driver bug: the kernel says the pool is busy and leaks its pages."
      dma_pool_destroy(pool)
      pool2 = dma_pool_create("spi-ring", spi0, 64, 64, 0)
      r = dma_pool_alloc(pool2, GFP_KERNEL, hr)
      dma_pool_free(pool2, r, hr)
      say "With every block freed, dma_pool_destroy gives each chunk back through dma_free_coherent."
      dma_pool_destroy(pool2)
      """#)
}
