extension LessonLibrary {
  /// Lesson `iommu-scatter-gather`: the same scatter-gather list without and with an IOMMU.
  public static let iommuScatterGather = Lesson(
    name: "iommu-scatter-gather",
    summary:
      "dma_map_sg without and with an IOMMU: two bus segments become one IOVA segment",
    source: #"""
      # Scatter-gather with and without an IOMMU: the same two scattered pieces, two bus segments for
      # a device that masters physical addresses, one IOVA segment for a device behind the SMMU.
      lesson "Scatter-gather through an IOMMU: scattered pages, one bus segment"
      board soc_iommu

      say "spi0 and spi1 are the same SPI controller. spi0 masters physical addresses; spi1 sits behind the SMMU."
      tx0 = dma_request_chan(spi0, "tx")
      dmaengine_slave_config(tx0, dst_addr_width=4, dst_maxburst=4)
      tx1 = dma_request_chan(spi1, "tx")
      dmaengine_slave_config(tx1, dst_addr_width=4, dst_maxburst=4)

      say "A message in two pieces. kmalloc-1024 packs four objects in a page: the fourth ends at the page end."
      spare0 = kmalloc(1024, GFP_KERNEL)
      spare1 = kmalloc(1024, GFP_KERNEL)
      spare2 = kmalloc(1024, GFP_KERNEL)
      tail = kmalloc(1024, GFP_KERNEL)
      say "The second piece starts a page of its own, one page further on: the pieces are not contiguous."
      gap = kmalloc(4096, GFP_KERNEL)
      head = kmalloc(4096, GFP_KERNEL)
      cpu_write(tail, 0, "piece 1 ends at a page boundary\n", repeat=32)
      cpu_write(head, 0, "piece 2 starts on the next page\n")
      sg = sg_init_table(2)
      sg_set_buf(sg, 0, tail, 1024)
      sg_set_buf(sg, 1, head, 32)

      say "Without an IOMMU, dma_map_sg maps each entry on its own: the bus addresses are the physical ones."
      n = dma_map_sg(spi0, sg, 2, DMA_TO_DEVICE)
      expect n == 2
      say "The descriptor carries both segments; the controller jumps from one page to the other."
      d = dmaengine_prep_slave_sg(tx0, sg, n, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(tx0)
      wait_for_completion(c)
      dma_unmap_sg(spi0, sg, 2, DMA_TO_DEVICE)
      say "The callback runs when the last beat is in the FIFO; a few more ticks and the wire has it all."
      run 40 ticks
      expect wire(spi0, 1024, 32) == "piece 2 starts on the next page\n"

      say "Behind the SMMU, iommu_dma_map_sg allocates one IOVA range for both pieces, top-down below 4 GiB."
      say "The first piece ends on a page boundary and the second starts on one, so __finalise_sg merges them."
      m = dma_map_sg(spi1, sg, 2, DMA_TO_DEVICE)
      expect m == 1
      say "Look at the mapping: one IOVA range, two PTEs pointing at pages that are far apart in RAM."
      pause
      say "One segment of 1056 bytes. Each beat's IOVA goes through the IOTLB; a miss walks the IO page table."
      d = dmaengine_prep_slave_sg(tx1, sg, m, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(tx1)
      wait_for_completion(c)
      run 40 ticks
      expect wire(spi1, 0, 1024) == ram(tail, 0, 1024)
      expect wire(spi1, 1024, 32) == "piece 2 starts on the next page\n"
      say "dma_unmap_sg clears the PTEs, invalidates the IOTLB (strict mode), then frees the IOVA range."
      dma_unmap_sg(spi1, sg, 2, DMA_TO_DEVICE)

      say "A bug: the driver reuses a handle after unmapping it. Without an IOMMU the device would read whatever is there."
      h = dma_map_single(spi1, head, 32, DMA_TO_DEVICE)
      dma_mapping_error(spi1, h)
      dma_unmap_single(spi1, h, 32, DMA_TO_DEVICE)
      d = dmaengine_prep_slave_single(tx1, h, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(tx1)
      say "Through the SMMU the IOVA is no longer mapped: every beat is a context fault and is dropped."
      wait_for_completion(c)
      run 40 ticks
      expect wire(spi1, 1056, 16) == ""
      expect dma_debug_errors() == 0
      say "The SMMU caught the stale handle. dma-debug could not: the driver's unmap was correct."
      pause
      kfree(head)
      kfree(gap)
      kfree(tail)
      kfree(spare2)
      kfree(spare1)
      kfree(spare0)
      """#)
}
