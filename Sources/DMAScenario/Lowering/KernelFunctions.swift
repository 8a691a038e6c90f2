/// The calls and directives the scenario language knows, for checks and suggestions.
public enum KernelFunctions {
  /// One known call: its name, parameters as written in the kernel, and what it returns.
  public struct Signature: Hashable, Sendable {
    /// The function name.
    public var name: String
    /// The parameter list as documentation (`dev, ptr, size, dir`).
    public var parameters: String
    /// A one-line summary.
    public var summary: String
  }

  /// Every call, in the order a driver would use them.
  public static let calls: [Signature] = [
    Signature(
      name: "dma_request_chan", parameters: "dev, name",
      summary: "get a DMA channel by dma-names entry"),
    Signature(name: "dma_release_channel", parameters: "chan", summary: "give the channel back"),
    Signature(
      name: "dmaengine_slave_config",
      parameters: "chan, dst_addr_width=, dst_maxburst=, src_addr_width=, src_maxburst=, dst_addr=",
      summary: "set the peripheral side of a slave channel"),
    Signature(
      name: "kmalloc", parameters: "size, flags", summary: "allocate from a kmalloc-N slab cache"),
    Signature(name: "kzalloc", parameters: "size, flags", summary: "kmalloc with __GFP_ZERO"),
    Signature(name: "kfree", parameters: "ptr", summary: "free a kmalloc object"),
    Signature(
      name: "cpu_write", parameters: "ptr, offset, data, repeat=", summary: "CPU stores bytes"),
    Signature(name: "cpu_read", parameters: "ptr, offset, length", summary: "CPU loads bytes"),
    Signature(
      name: "virt_to_phys", parameters: "ptr", summary: "physical address (not a DMA address!)"),
    Signature(
      name: "dma_map_single", parameters: "dev, ptr, size, dir",
      summary: "streaming mapping, device owns it"),
    Signature(
      name: "dma_mapping_error", parameters: "dev, handle", summary: "check a mapping result"),
    Signature(
      name: "dma_sync_single_for_cpu", parameters: "dev, handle, size, dir",
      summary: "give a mapped buffer to the CPU (invalidate)"),
    Signature(
      name: "dma_sync_single_for_device", parameters: "dev, handle, size, dir",
      summary: "give it back to the device (clean)"),
    Signature(
      name: "dma_unmap_single", parameters: "dev, handle, size, dir",
      summary: "end a streaming mapping"),
    Signature(
      name: "dmaengine_prep_slave_single", parameters: "chan, handle, len, dir, flags",
      summary: "prepare a one-segment slave transfer"),
    Signature(
      name: "dma_alloc_coherent", parameters: "dev, size, handle, gfp",
      summary: "coherent buffer; handle receives the dma_addr_t"),
    Signature(
      name: "dma_alloc_wc", parameters: "dev, size, handle, gfp",
      summary: "write-combining coherent buffer"),
    Signature(
      name: "dma_free_coherent", parameters: "dev, size, cpu_addr, handle",
      summary: "free a coherent buffer"),
    Signature(
      name: "cma_alloc", parameters: "count, align", summary: "pages from the default CMA area"),
    Signature(name: "cma_release", parameters: "ptr, count", summary: "give CMA pages back"),
    Signature(name: "sg_init_table", parameters: "nents", summary: "a scatter-gather table"),
    Signature(name: "sg_set_buf", parameters: "sg, index, buf, len", summary: "describe one piece"),
    Signature(
      name: "dma_map_sg", parameters: "dev, sg, nents, dir",
      summary: "map every entry; returns the mapped count"),
    Signature(
      name: "dma_unmap_sg", parameters: "dev, sg, nents, dir",
      summary: "unmap with the original nents"),
    Signature(
      name: "dma_sync_sg_for_cpu", parameters: "dev, sg, nents, dir",
      summary: "give every entry back to the CPU (invalidate unless TO_DEVICE)"),
    Signature(
      name: "dma_sync_sg_for_device", parameters: "dev, sg, nents, dir",
      summary: "give every entry back to the device (clean)"),
    Signature(
      name: "dmaengine_prep_slave_sg", parameters: "chan, sg, sg_len, dir, flags",
      summary: "prepare a scatter-gather slave transfer"),
    Signature(
      name: "dmaengine_prep_dma_memcpy", parameters: "chan, dst, src, len, flags",
      summary: "prepare a memory-to-memory copy"),
    Signature(
      name: "dmaengine_prep_dma_cyclic",
      parameters: "chan, handle, buf_len, period_len, dir, flags",
      summary: "prepare a ring with a callback per period"),
    Signature(
      name: "dma_request_chan_by_mask", parameters: "DMA_MEMCPY",
      summary: "get any free channel with a capability"),
    Signature(name: "dmaengine_pause", parameters: "chan", summary: "pause the channel"),
    Signature(name: "dmaengine_resume", parameters: "chan", summary: "resume a paused channel"),
    Signature(
      name: "dmaengine_terminate_async", parameters: "chan",
      summary: "stop; active descriptor to desc_terminated"),
    Signature(
      name: "dmaengine_terminate_sync", parameters: "chan",
      summary: "terminate_async then synchronize"),
    Signature(
      name: "dmaengine_synchronize", parameters: "chan",
      summary: "wait for callbacks, free terminated descriptors"),
    Signature(
      name: "dmaengine_desc_set_reuse", parameters: "desc",
      summary: "keep the descriptor after completion"),
    Signature(
      name: "dmaengine_desc_free", parameters: "desc", summary: "free a reusable descriptor"),
    Signature(
      name: "device_receive", parameters: "dev, data",
      summary: "bytes arrive on a peripheral's receive wire"),
    Signature(
      name: "dmaengine_submit", parameters: "desc", summary: "queue a descriptor, get a cookie"),
    Signature(
      name: "dma_async_issue_pending", parameters: "chan", summary: "start the queued descriptors"),
    Signature(
      name: "dmaengine_tx_status", parameters: "chan, cookie", summary: "status and residue"),
    Signature(
      name: "wait_for_completion", parameters: "cookie", summary: "sleep until the callback ran"),
    // Memory attributes.
    Signature(
      name: "wmb", parameters: "", summary: "store barrier (dsb st): drains the write buffer"),
    Signature(name: "rmb", parameters: "", summary: "load barrier (dsb ld)"),
    Signature(name: "mb", parameters: "", summary: "full barrier (dsb sy)"),
    Signature(
      name: "dma_wmb", parameters: "", summary: "order stores to coherent memory (dmb oshst)"),
    Signature(
      name: "dma_rmb", parameters: "", summary: "order loads from coherent memory (dmb oshld)"),
    Signature(
      name: "ioremap", parameters: "phys, size", summary: "map registers as Device-nGnRE"),
    Signature(
      name: "ioremap_wc", parameters: "phys, size", summary: "map as Normal non-cacheable"),
    Signature(
      name: "ioremap_np", parameters: "phys, size", summary: "map as Device-nGnRnE (non-posted)"),
    Signature(
      name: "memremap", parameters: "phys, size, MEMREMAP_WB|MEMREMAP_WC",
      summary: "map memory write-back or write-combining"),
    Signature(name: "iounmap", parameters: "ptr", summary: "undo ioremap"),
    Signature(name: "memunmap", parameters: "ptr", summary: "undo memremap"),
    Signature(name: "show_pte", parameters: "ptr", summary: "print the page-table walk"),
    // Engine: interleaved transfers and the block and network devices.
    Signature(
      name: "dma_interleaved_template",
      parameters:
        "src_start=, dst_start=, dir=, src_inc=, dst_inc=, src_sgl=, dst_sgl=, numf=, frame_size=",
      summary: "fill in a struct dma_interleaved_template"),
    Signature(
      name: "data_chunk", parameters: "xt, index, size=, icg=, dst_icg=, src_icg=",
      summary: "set xt->sgl[index]"),
    Signature(
      name: "dmaengine_prep_interleaved_dma", parameters: "chan, xt, flags",
      summary: "prepare frames of chunks with gaps"),
    Signature(
      name: "mmc_send_cmd", parameters: "dev, opcode, lba, blocks",
      summary: "MMC data command (MMC_READ_MULTIPLE_BLOCK, MMC_WRITE_MULTIPLE_BLOCK, ...)"),
    Signature(
      name: "writel", parameters: "dev, REGISTER, value",
      summary: "write a device register (ring base, doorbell)"),
    Signature(
      name: "cpu_write_le32", parameters: "ptr, offset, value",
      summary: "CPU stores a 32-bit field (desc->addr = cpu_to_le32(dma))"),
    // Masks and dma_pool.
    Signature(
      name: "dma_set_mask", parameters: "dev, DMA_BIT_MASK(n)",
      summary: "set the streaming mask; 0 or -EIO"),
    Signature(
      name: "dma_set_coherent_mask", parameters: "dev, DMA_BIT_MASK(n)",
      summary: "set the coherent mask; 0 or -EIO"),
    Signature(
      name: "dma_set_mask_and_coherent", parameters: "dev, DMA_BIT_MASK(n)",
      summary: "set both masks; 0 or -EIO"),
    Signature(
      name: "dma_pool_create", parameters: "name, dev, size, align, boundary",
      summary: "a pool of small coherent blocks"),
    Signature(
      name: "dma_pool_alloc", parameters: "pool, gfp, handle",
      summary: "a block; handle receives its dma_addr_t"),
    Signature(
      name: "dma_pool_zalloc", parameters: "pool, gfp, handle", summary: "a zeroed block"),
    Signature(
      name: "dma_pool_free", parameters: "pool, vaddr, handle",
      summary: "give a block back to the pool"),
    Signature(
      name: "dma_pool_destroy", parameters: "pool", summary: "free the pool and its chunks"),
    Signature(
      name: "vmalloc", parameters: "size",
      summary: "pages mapped in the vmalloc area (not DMA-able)"),
    Signature(
      name: "__get_free_pages", parameters: "gfp, order",
      summary: "2^order contiguous pages in the linear map"),
    Signature(
      name: "stack_buffer", parameters: "size, vmap_stack=",
      summary: "a char array on the kernel stack (vmapped unless vmap_stack=0)"),
    // Pages, dma_map_page and driver unbinding.
    Signature(
      name: "alloc_pages", parameters: "gfp, order",
      summary: "2^order contiguous pages as a struct page * (GFP_HIGHUSER_MOVABLE may borrow CMA)"),
    Signature(
      name: "__free_pages", parameters: "page, order", summary: "give alloc_pages pages back"),
    Signature(
      name: "virt_to_page", parameters: "ptr", summary: "the struct page * of a linear-map address"),
    Signature(
      name: "vmalloc_to_page", parameters: "ptr",
      summary: "the struct page * behind a vmalloc (or vmapped-stack) address"),
    Signature(
      name: "page_address", parameters: "page", summary: "a page's linear-map address"),
    Signature(
      name: "dma_map_page", parameters: "dev, page, offset, size, dir",
      summary: "streaming mapping of (part of) a page, device owns it"),
    Signature(
      name: "dma_unmap_page", parameters: "dev, handle, size, dir",
      summary: "end a dma_map_page mapping"),
    Signature(
      name: "device_release_driver", parameters: "dev",
      summary: "unbind the driver (dma-debug reports leaked mappings)"),
    // The dmatest module.
    Signature(
      name: "dmatest_run",
      parameters:
        "iterations=, test_buf_size=, max_channels=, transfer_size=, norandom=, noverify=, "
        + "verbose=, seed=, inject_stale_cache=",
      summary: "load dmatest with these parameters and run it; returns the failures"),
    // Movable pages and pins.
    Signature(
      name: "pin_user_pages", parameters: "page",
      summary: "short-term pin (FOLL_PIN, as O_DIRECT): the page cannot migrate"),
    Signature(
      name: "unpin_user_page", parameters: "page", summary: "drop the pin"),
    // dma-buf.
    Signature(
      name: "dma_buf_export", parameters: "size",
      summary: "a dma-buf from a system-heap-style exporter (pages, an sg_table per attachment)"),
    Signature(
      name: "dma_buf_vmap", parameters: "dmabuf",
      summary: "the exporter's kernel mapping of the buffer (a CPU pointer)"),
    Signature(
      name: "dma_buf_attach", parameters: "dmabuf, dev", summary: "an importing device attaches"),
    Signature(
      name: "dma_buf_map_attachment", parameters: "attach, dir",
      summary: "the exporter maps an sg_table for the importer (dma_map_sgtable)"),
    Signature(
      name: "dma_buf_unmap_attachment", parameters: "attach, sgt, dir",
      summary: "unmap the importer's sg_table"),
    Signature(
      name: "dma_buf_detach", parameters: "dmabuf, attach", summary: "the importer lets go"),
    Signature(
      name: "dma_buf_begin_cpu_access", parameters: "dmabuf, dir",
      summary: "sync every mapped attachment for the CPU"),
    Signature(
      name: "dma_buf_end_cpu_access", parameters: "dmabuf, dir",
      summary: "sync every mapped attachment back for its device"),
  ]

  /// The directive keywords.
  public static let directives = [
    "lesson", "board", "seed", "say", "pause", "run", "expect", "ask", "cmdline", "arch",
    "rodata", "cachepolicy",
    // Board overrides.
    "cache", "device",
  ]

  /// Every call name.
  public static var callNames: [String] { calls.map(\.name) }
}
