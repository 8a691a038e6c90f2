extension LessonLibrary {
  /// Lesson `mapping-errors`: a driver maps three buffers, the third fails; check every handle and unwind in reverse order.
  public static let mappingErrors = Lesson(
    name: "mapping-errors",
    summary:
      "check every dma_map_single with dma_mapping_error; on failure unmap what worked, newest first",
    source: #"""
      # Three buffers mapped in probe, the third fails: check every handle, unwind in reverse.
      lesson "Mapping errors: check every handle, unwind in reverse"
      board arm64-dma24-soc
      cmdline "cma=8M swiotlb=128,1"

      say "floppy0 reaches only 16 MiB, so every buffer it maps bounces through swiotlb. This boot has a tiny pool: swiotlb=128,1 gives 128 slots of 2 KiB, 256 KiB in all."
      a = kmalloc(8K, GFP_KERNEL)
      b = kmalloc(8K, GFP_KERNEL)
      c = kmalloc(250K, GFP_KERNEL)
      say "The bug, first version: probe maps three receive buffers and never looks at the handles."
      ha = dma_map_single(floppy0, a, 8K, DMA_FROM_DEVICE)
      hb = dma_map_single(floppy0, b, 8K, DMA_FROM_DEVICE)
      say "a and b took 4 slots each. c needs 125 contiguous slots; 120 are left, so swiotlb says the buffer is full and dma_map_single returns DMA_MAPPING_ERROR."
      hc = dma_map_single(floppy0, c, 250K, DMA_FROM_DEVICE)
      expect hc == DMA_MAPPING_ERROR
      expect swiotlb_used() == 8
      pause

      say "The driver carries on as if all three worked. At remove it unmaps them, and dma-debug speaks up three times."
      dma_unmap_single(floppy0, hc, 250K, DMA_FROM_DEVICE)
      say "DMA_MAPPING_ERROR was never a mapping: 'tries to free an invalid DMA memory address'. Had the device been given hc, it would have written wherever that address decodes, not into c."
      dma_unmap_single(floppy0, hb, 8K, DMA_FROM_DEVICE)
      dma_unmap_single(floppy0, ha, 8K, DMA_FROM_DEVICE)
      say "For a and b: 'device driver failed to check map error'. dma-debug marks an entry checked only when dma_mapping_error looks at its handle, and complains at unmap."
      expect dma_debug_errors() == 3
      expect swiotlb_used() == 0
      kfree(c)
      kfree(b)
      kfree(a)
      pause

      say "The bug, second version: probe checks every handle, but when the third fails it just returns -ENOMEM."
      a = kmalloc(8K, GFP_KERNEL)
      b = kmalloc(8K, GFP_KERNEL)
      c = kmalloc(250K, GFP_KERNEL)
      ha = dma_map_single(floppy0, a, 8K, DMA_FROM_DEVICE)
      ea = dma_mapping_error(floppy0, ha)
      hb = dma_map_single(floppy0, b, 8K, DMA_FROM_DEVICE)
      eb = dma_mapping_error(floppy0, hb)
      hc = dma_map_single(floppy0, c, 250K, DMA_FROM_DEVICE)
      ec = dma_mapping_error(floppy0, hc)
      expect ec == -ENOMEM
      say "probe failed, so the driver core unbinds the driver. dma-debug's bus notifier counts what the device still has mapped."
      device_release_driver(floppy0)
      expect mappings() == 2
      ask "Nobody holds ha and hb any more. How many swiotlb slots stay in use until reboot?" answer "8"
      expect swiotlb_used() == 8
      pause

      say "The fix: test each handle as soon as it comes back, and on failure undo what succeeded, newest first: goto err_unmap_b; err_unmap_b: unmap b; err_unmap_a: unmap a."
      a2 = kmalloc(8K, GFP_KERNEL)
      b2 = kmalloc(8K, GFP_KERNEL)
      c2 = kmalloc(250K, GFP_KERNEL)
      ha2 = dma_map_single(floppy0, a2, 8K, DMA_FROM_DEVICE)
      ea2 = dma_mapping_error(floppy0, ha2)
      expect ea2 == 0
      hb2 = dma_map_single(floppy0, b2, 8K, DMA_FROM_DEVICE)
      eb2 = dma_mapping_error(floppy0, hb2)
      expect eb2 == 0
      hc2 = dma_map_single(floppy0, c2, 250K, DMA_FROM_DEVICE)
      ec2 = dma_mapping_error(floppy0, hc2)
      expect ec2 == -ENOMEM
      say "err_unmap_b: the last mapping that worked goes first."
      dma_unmap_single(floppy0, hb2, 8K, DMA_FROM_DEVICE)
      say "err_unmap_a: then the one before it. The error path mirrors the setup, so each label undoes exactly the steps that ran."
      dma_unmap_single(floppy0, ha2, 8K, DMA_FROM_DEVICE)
      kfree(c2)
      kfree(b2)
      kfree(a2)
      say "No new dma-debug report, and this probe's slots are back: only the earlier leak remains."
      expect mappings() == 2
      expect swiotlb_used() == 8
      expect dma_debug_errors() == 4
      say "dma_map_sg unwinds for you: when one entry fails, dma_direct_map_sg unmaps the entries it already mapped and dma_map_sg returns 0 (dma_map_sgtable returns the errno). Only the mappings you made one by one are yours to undo."
      """#)
}
