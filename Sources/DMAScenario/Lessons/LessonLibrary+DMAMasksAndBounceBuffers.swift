extension LessonLibrary {
  /// Lesson `dma-masks-and-bounce-buffers`: DMA masks, dma_direct_supported and swiotlb bounce buffers for a 24-bit device.
  public static let dmaMasksAndBounceBuffers = Lesson(
    name: "dma-masks-and-bounce-buffers",
    summary:
      "DMA masks, dma_direct_supported and swiotlb bounce buffers for a 24-bit device",
    source: #"""
      # A device that reaches only 16 MiB: masks, dma_direct_supported and swiotlb bounce buffers.
      lesson "DMA masks and swiotlb bounce buffers"
      board arm64-dma24-soc

      say "floppy0 sits on a bus whose dma-ranges reach 16 MiB: of_dma_configure gave it 24-bit masks and a bus limit of 0xffffff."
      r = dma_set_mask(floppy0, DMA_BIT_MASK(20))
      say "dma_direct_supported refuses a mask below 32 bits that does not cover ZONE_DMA (here the first 16 MiB): -EIO, and the masks stay as they were."
      expect r == -EIO
      r = dma_set_mask_and_coherent(floppy0, DMA_BIT_MASK(32))
      say "32 bits are always accepted, yet the bus still stops at 16 MiB: dma_capable checks min_not_zero(mask, bus limit)."
      expect r == 0
      chan = dma_request_chan(floppy0, "data")
      dmaengine_slave_config(chan, dst_addr_width=1, dst_maxburst=4)
      buf = kmalloc(256, GFP_KERNEL)
      cpu_write(buf, 0, "boot sector: FAT12 volume label")
      say "kmalloc memory lies above 16 MiB. dma_map_single finds the floppy cannot reach it and calls swiotlb_map: a 2 KiB slot below 16 MiB, the buffer copied in (on map the copy happens for every direction), the slot cleaned."
      h = dma_map_single(floppy0, buf, 256, DMA_TO_DEVICE)
      e = dma_mapping_error(floppy0, h)
      expect e == 0

      say "The handle is the bounce slot's bus address: the device reads the copy, not the original."
      d = dmaengine_prep_slave_single(chan, h, 31, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(chan)
      wait_for_completion(c)
      expect wire(floppy0) == "boot sector: FAT12 volume label"
      say "DMA_TO_DEVICE: unmap copies nothing back (the device only read), then swiotlb_tbl_unmap_single frees the slot."
      dma_unmap_single(floppy0, h, 256, DMA_TO_DEVICE)
      big = kmalloc(300K, GFP_KERNEL)
      say "One mapping may use at most 128 contiguous slots (256 KiB, one segment). 300 KiB cannot bounce: swiotlb warns that the buffer is full and the map fails."
      h2 = dma_map_single(floppy0, big, 300K, DMA_TO_DEVICE)
      e2 = dma_mapping_error(floppy0, h2)
      expect e2 == -ENOMEM
      kfree(big)
      kfree(buf)
      """#)
}
