extension CallRegistry {
  /// Allocations: README's table of that name is rendered from this list.
  static let allocations: [CallDeclaration] = [
    CallDeclaration(
      "kmalloc", [.positional("size", .integer), .positional("flags", .flags)],
      returns: .pointer, lowering: .core,
      summary: "allocate from a kmalloc-N slab cache"),
    CallDeclaration(
      "kzalloc", [.positional("size", .integer), .positional("flags", .flags)],
      returns: .pointer, lowering: .core,
      summary: "kmalloc with __GFP_ZERO"),
    CallDeclaration(
      "kfree", [.positional("ptr", .pointer)],
      returns: nil, lowering: .core,
      summary: "free a kmalloc object"),
    CallDeclaration(
      "vmalloc", [.positional("size", .integer)],
      returns: .pointer, lowering: .kernelMemory,
      summary: "pages mapped in the vmalloc area (not DMA-able)"),
    CallDeclaration(
      "__get_free_pages", [.positional("gfp", .flags), .positional("order", .integer)],
      returns: .pointer, lowering: .kernelMemory,
      summary: "2^order contiguous pages in the linear map"),
    CallDeclaration(
      "stack_buffer", [.positional("size", .integer), .labelled("vmap_stack", .integer)],
      returns: .pointer, lowering: .kernelMemory,
      summary: "a char array on the kernel stack (vmapped unless vmap_stack=0)"),
    CallDeclaration(
      "alloc_pages", [.positional("gfp", .flags), .positional("order", .integer)],
      returns: .page, lowering: .pages,
      summary: "2^order contiguous pages as a struct page * (GFP_HIGHUSER_MOVABLE may borrow CMA)"),
    CallDeclaration(
      "__free_pages", [.positional("page", .page), .positional("order", .integer)],
      returns: nil, lowering: .pages,
      summary: "give alloc_pages pages back"),
    CallDeclaration(
      "virt_to_page", [.positional("ptr", .pointer)],
      returns: .page, lowering: .pages,
      summary: "the struct page * of a linear-map address"),
    CallDeclaration(
      "vmalloc_to_page", [.positional("ptr", .pointer)],
      returns: .page, lowering: .pages,
      summary: "the struct page * behind a vmalloc (or vmapped-stack) address"),
    CallDeclaration(
      "page_address", [.positional("page", .page)],
      returns: .pointer, lowering: .pages,
      summary: "a page's linear-map address"),
    CallDeclaration(
      "pin_user_pages", [.positional("page", .page)],
      returns: nil, lowering: .lessonCalls,
      summary: "short-term pin (FOLL_PIN, as O_DIRECT): the page cannot migrate"),
    CallDeclaration(
      "unpin_user_page", [.positional("page", .page)],
      returns: nil, lowering: .lessonCalls,
      summary: "drop the pin"),
    CallDeclaration(
      "cma_alloc",
      [
        .positional("count", .integer, bounds: 1...UInt64.max),
        .positional("align", .integer, bounds: 0...12),
      ],
      returns: .pointer, lowering: .engine,
      summary: "pages from the default CMA area"),
    CallDeclaration(
      "cma_release", [.positional("ptr", .pointer), .positional("count", .integer)],
      returns: nil, lowering: .engine,
      summary: "give CMA pages back"),
    CallDeclaration(
      "dma_alloc_coherent",
      [
        .positional("dev", .device), .positional("size", .integer),
        .positional("handle", .receiver), .positional("gfp", .flags),
      ],
      returns: .pointer, lowering: .engine,
      summary: "coherent buffer; handle receives the dma_addr_t"),
    CallDeclaration(
      "dma_alloc_wc",
      [
        .positional("dev", .device), .positional("size", .integer),
        .positional("handle", .receiver), .positional("gfp", .flags),
      ],
      returns: .pointer, lowering: .engine,
      summary: "write-combining coherent buffer"),
    CallDeclaration(
      "dma_free_coherent",
      [
        .positional("dev", .device), .positional("size", .integer),
        .positional("cpu_addr", .pointer), .positional("handle", .dmaHandle),
      ],
      returns: nil, lowering: .engine,
      summary: "free a coherent buffer"),
    CallDeclaration(
      "dma_buf_export", [.positional("size", .integer)],
      returns: .dmaBuf, lowering: .dmaBuf,
      summary: "a dma-buf from a system-heap-style exporter (pages, an sg_table per attachment)"),
    CallDeclaration(
      "dma_buf_vmap", [.positional("dmabuf", .dmaBuf)],
      returns: .pointer, lowering: .dmaBuf,
      summary: "the exporter's kernel mapping of the buffer (a CPU pointer)"),
    CallDeclaration(
      "dma_buf_attach", [.positional("dmabuf", .dmaBuf), .positional("dev", .device)],
      returns: .dmaBufAttachment, lowering: .dmaBuf,
      summary: "an importing device attaches"),
    CallDeclaration(
      "dma_buf_map_attachment",
      [.positional("attach", .dmaBufAttachment), .positional("dir", .constant)],
      returns: .scatterList, lowering: .dmaBuf,
      summary: "the exporter maps an sg_table for the importer (dma_map_sgtable)"),
    CallDeclaration(
      "dma_buf_unmap_attachment",
      [
        .positional("attach", .dmaBufAttachment), .positional("sgt", .scatterList),
        .positional("dir", .constant),
      ],
      returns: nil, lowering: .dmaBuf,
      summary: "unmap the importer's sg_table"),
    CallDeclaration(
      "dma_buf_detach", [.positional("dmabuf", .dmaBuf), .positional("attach", .dmaBufAttachment)],
      returns: nil, lowering: .dmaBuf,
      summary: "the importer lets go"),
    CallDeclaration(
      "dma_buf_begin_cpu_access", [.positional("dmabuf", .dmaBuf), .positional("dir", .constant)],
      returns: nil, lowering: .dmaBuf,
      summary: "sync every mapped attachment for the CPU"),
    CallDeclaration(
      "dma_buf_end_cpu_access", [.positional("dmabuf", .dmaBuf), .positional("dir", .constant)],
      returns: nil, lowering: .dmaBuf,
      summary: "sync every mapped attachment back for its device"),
    CallDeclaration(
      "dma_pool_create",
      [
        .positional("name", .string), .positional("dev", .device), .positional("size", .integer),
        .positional("align", .integer), .positional("boundary", .integer),
      ],
      returns: .dmaPool, lowering: .board,
      summary: "a pool of small coherent blocks"),
    CallDeclaration(
      "dma_pool_alloc",
      [
        .positional("pool", .dmaPool), .positional("gfp", .flags), .positional("handle", .receiver),
      ],
      returns: .pointer, lowering: .board,
      summary: "a block; handle receives its dma_addr_t"),
    CallDeclaration(
      "dma_pool_zalloc",
      [
        .positional("pool", .dmaPool), .positional("gfp", .flags), .positional("handle", .receiver),
      ],
      returns: .pointer, lowering: .board,
      summary: "a zeroed block"),
    CallDeclaration(
      "dma_pool_free",
      [
        .positional("pool", .dmaPool), .positional("vaddr", .pointer),
        .positional("handle", .dmaHandle),
      ],
      returns: nil, lowering: .board,
      summary: "give a block back to the pool"),
    CallDeclaration(
      "dma_pool_destroy", [.positional("pool", .dmaPool)],
      returns: nil, lowering: .board,
      summary: "free the pool and its chunks"),
  ]
}
