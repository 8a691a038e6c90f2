extension LessonLibrary {
  /// Lesson `dma-buf-sharing`: one buffer shared by two devices, dma-buf style: export, attach, map per importer, CPU access brackets.
  public static let dmaBufSharing = Lesson(
    name: "dma-buf-sharing",
    summary:
      "one buffer, two devices: dma_buf_export, attach and map per importer, begin/end_cpu_access",
    source: #"""
      # One buffer, two devices: dma-buf export, attach, map per importer, CPU access brackets.
      lesson "Sharing one buffer between two devices: dma-buf"
      board soc_iommu

      say "spi0 masters physical addresses; spi1 sits behind the SMMU. Both will send the same frame buffer, shared dma-buf style instead of copied."
      tx0 = dma_request_chan(spi0, "tx")
      dmaengine_slave_config(tx0, dst_addr_width=4, dst_maxburst=4)
      tx1 = dma_request_chan(spi1, "tx")
      dmaengine_slave_config(tx1, dst_addr_width=4, dst_maxburst=4)
      say "The exporter (a system heap here) allocates the pages: two pages, not next to each other. dma_buf_vmap gives the CPU one contiguous kernel mapping of them."
      buf = dma_buf_export(8K)
      frame = dma_buf_vmap(buf)
      say "Each importer attaches, then asks for a mapping. The exporter builds an sg_table per attachment and maps it with dma_map_sgtable for that device."
      a0 = dma_buf_attach(buf, spi0)
      a1 = dma_buf_attach(buf, spi1)
      s0 = dma_buf_map_attachment(a0, DMA_TO_DEVICE)
      s1 = dma_buf_map_attachment(a1, DMA_TO_DEVICE)
      say "Both importers only read the frame, so each maps it DMA_TO_DEVICE: such mappings may overlap. Had both mapped it for writing, dma-debug would report cacheline tracking EEXIST; writers are ordered with dma-fences, not by sharing lines."
      say "Same pages, different handles: spi0's table holds two segments at the pages' physical addresses, spi1's one segment of IOVA space where the SMMU joined the pages."
      pause

      say "The bug: the CPU draws the frame without telling the exporter. The bytes sit in dirty cache lines."
      cpu_write(frame, 0, "frame 1: hello ", repeat=16)
      cpu_write(frame, 4096, "frame 1: page 2", repeat=16)
      expect dirty_lines(frame, 8K) == 8
      d0 = dmaengine_prep_slave_sg(tx0, s0, 2, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c0 = dmaengine_submit(d0)
      dma_async_issue_pending(tx0)
      wait_for_completion(c0)
      ask "spi0 read the buffer from RAM. What went out on its wire: the frame, or zeros?" choices("frame", "zeros") answer "zeros"
      expect wire(spi0, 0, 4) == [0, 0, 0, 0]
      pause

      say "The fix: bracket CPU access. dma_buf_begin_cpu_access syncs every importer's mapping for the CPU; dma_buf_end_cpu_access syncs them back for their devices, which cleans the CPU's lines to RAM."
      dma_buf_begin_cpu_access(buf, DMA_TO_DEVICE)
      cpu_write(frame, 0, "frame 2: hello ", repeat=16)
      cpu_write(frame, 4096, "frame 2: page 2", repeat=16)
      dma_buf_end_cpu_access(buf, DMA_TO_DEVICE)
      expect dirty_lines(frame, 8K) == 0
      say "Now both devices send the frame, each through its own handles."
      d0 = dmaengine_prep_slave_sg(tx0, s0, 2, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c0 = dmaengine_submit(d0)
      dma_async_issue_pending(tx0)
      d1 = dmaengine_prep_slave_sg(tx1, s1, 1, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c1 = dmaengine_submit(d1)
      dma_async_issue_pending(tx1)
      wait_for_completion(c0)
      wait_for_completion(c1)
      say "The completion interrupt comes when the channel has read the last byte; the FIFOs still hold a few. Let them drain."
      run 500 ticks
      say "Each wire keeps its newest 4 KiB: the second page of the frame, read by spi0 at its physical address and by spi1 through the SMMU."
      expect wire(spi0, 0, 15) == "frame 2: page 2"
      expect wire(spi1, 0, 15) == "frame 2: page 2"
      say "When an importer is done it unmaps and detaches; the exporter frees the pages only when the last reference goes."
      dma_buf_unmap_attachment(a1, s1, DMA_TO_DEVICE)
      dma_buf_detach(buf, a1)
      dma_buf_unmap_attachment(a0, s0, DMA_TO_DEVICE)
      dma_buf_detach(buf, a0)
      expect dma_debug_errors() == 0
      """#)
}
