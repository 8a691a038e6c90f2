extension LessonLibrary {
  /// Lesson `coherent-buffer`: dma_alloc_coherent: a non-cacheable remap, no map or sync, the device sees every store.
  public static let coherentBuffer = Lesson(
    name: "coherent-buffer",
    summary:
      "dma_alloc_coherent: a non-cacheable remap, no map or sync, the device sees every store",
    source: #"""
      # Coherent DMA: a buffer both sides may touch at any time, with no map or sync.
      lesson "Coherent buffers: dma_alloc_coherent and its non-cacheable remap"
      board soc8g

      say "spi0 is not DMA-coherent, so dma_alloc_coherent cannot hand out cacheable memory."
      spi = dma_request_chan(spi0, "tx")
      dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
      say "Two pages come from CMA; the linear alias is cleaned, then remapped MT_NORMAL_NC in the vmalloc area."
      ring = dma_alloc_coherent(spi0, 8192, handle, GFP_KERNEL)
      expect handle != DMA_MAPPING_ERROR
      expect cma_used() == 2
      say "CPU stores skip the cache: no line becomes dirty, nothing needs cleaning."
      cpu_write(ring, 0, "coherent: no sync needed. ", repeat=4)
      expect dirty_lines(ring, 104) == 0
      say "Normal-NC stores may wait in the CPU's write buffer; a barrier drains it before the device looks."
      wmb()
      expect ram(ring, 0, 9) == "coherent:"
      d = dmaengine_prep_slave_single(spi, handle, 104, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(spi)
      say "The device reads RAM and finds exactly what the CPU wrote."
      wait_for_completion(c)
      expect wire(spi0, 0, 26) == "coherent: no sync needed. "
      dma_free_coherent(spi0, 8192, ring, handle)
      expect cma_used() == 0
      say "A DMA-coherent device (dma-coherent in its device-tree node) snoops the CPU caches instead: dma_alloc_coherent hands it cacheable linear-map memory, and map, unmap and sync do no maintenance at all (dev_is_dma_coherent). arm64-iommu-soc's display is such a device."
      """#)
}
