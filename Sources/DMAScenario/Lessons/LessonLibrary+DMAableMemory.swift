extension LessonLibrary {
  /// Which memory a device can reach: the linear map yes, the vmalloc area and the stack no.
  public static let dmaAbleMemory = Lesson(
    name: "dma-able-memory",
    summary:
      "kmalloc and __get_free_pages map; vmalloc and stack buffers are refused or flagged by dma-debug",
    source: #"""
      # Which memory can a device reach? kmalloc and __get_free_pages: yes. vmalloc and the stack: no.
      lesson "Which memory is DMA-able: kmalloc, __get_free_pages, vmalloc and the stack"
      board minimal

      say "kmalloc memory lies in the linear map: one virtual range over physically contiguous memory."
      buf = kmalloc(256, GFP_KERNEL)
      h1 = dma_map_single(spi0, buf, 256, DMA_TO_DEVICE)
      ret1 = dma_mapping_error(spi0, h1)
      expect ret1 == 0
      dma_unmap_single(spi0, h1, 256, DMA_TO_DEVICE)

      say "__get_free_pages returns a linear-map address too: whole pages, physically contiguous."
      pages = __get_free_pages(GFP_KERNEL, 1)
      h2 = dma_map_single(spi0, pages, 8192, DMA_TO_DEVICE)
      ret2 = dma_mapping_error(spi0, h2)
      expect ret2 == 0
      dma_unmap_single(spi0, h2, 8192, DMA_TO_DEVICE)

      say "vmalloc stitches separate pages together in the vmalloc area: there is no linear address to map."
      vbuf = vmalloc(8192)
      ask "Will dma_map_single accept a vmalloc address?" choices("yes", "no") answer "no"
      h3 = dma_map_single(spi0, vbuf, 8192, DMA_TO_DEVICE)
      ret3 = dma_mapping_error(spi0, h3)
      say "dma_map_single_attrs warns 'rejecting DMA map of vmalloc memory' and returns DMA_MAPPING_ERROR."
      expect h3 == DMA_MAPPING_ERROR
      expect ret3 == -ENOMEM

      say "arm64 kernel stacks are vmapped (CONFIG_VMAP_STACK): a buffer on the stack is refused the same way."
      sbuf = stack_buffer(64)
      h4 = dma_map_single(spi0, sbuf, 64, DMA_TO_DEVICE)
      ret4 = dma_mapping_error(spi0, h4)
      expect ret4 == -ENOMEM

      say "Without CONFIG_VMAP_STACK the stack is in the linear map: the mapping goes through, and only dma-debug objects."
      lbuf = stack_buffer(64, vmap_stack=0)
      h5 = dma_map_single(spi0, lbuf, 64, DMA_TO_DEVICE)
      ret5 = dma_mapping_error(spi0, h5)
      expect ret5 == 0
      expect dma_debug_errors() == 1
      dma_unmap_single(spi0, h5, 64, DMA_TO_DEVICE)
      say "The fix for both: DMA buffers come from kmalloc, __get_free_pages or dma_alloc_coherent, never vmalloc or the stack."
      say "kmap addresses are refused for the same reason as vmalloc ones. dma_map_page(dev, page, offset, size, dir) takes a struct page instead of a pointer, so it can map HIGHMEM pages (32-bit ARM) that have no permanent kernel address; arm64 has no highmem. A global buffer is DMA-able in a built-in driver (the kernel image is linear-mapped) but not in a module, whose data lives in vmalloc space."
      kfree(buf)
      """#)
}
