extension CallRegistry {
  /// Streaming mappings, masks and scatter-gather: README's table of that name is rendered from this list.
  static let streaming: [CallDeclaration] = [
    CallDeclaration(
      "dma_set_mask", [.positional("dev", .device), .positional("DMA_BIT_MASK(n)", .integer)],
      returns: .integer, lowering: .board,
      summary: "set the streaming mask; 0 or -EIO"),
    CallDeclaration(
      "dma_set_coherent_mask",
      [.positional("dev", .device), .positional("DMA_BIT_MASK(n)", .integer)],
      returns: .integer, lowering: .board,
      summary: "set the coherent mask; 0 or -EIO"),
    CallDeclaration(
      "dma_set_mask_and_coherent",
      [.positional("dev", .device), .positional("DMA_BIT_MASK(n)", .integer)],
      returns: .integer, lowering: .board,
      summary: "set both masks; 0 or -EIO"),
    CallDeclaration(
      "dma_set_max_seg_size",
      [.positional("dev", .device), .positional("size", .integer, bounds: 0...0xffff_ffff)],
      returns: nil, lowering: .board,
      summary: "dma_parms: longest sg segment (default 64 KiB)"),
    CallDeclaration(
      "dma_get_max_seg_size", [.positional("dev", .device)],
      returns: .integer, lowering: .board,
      summary: "the longest sg segment the device takes"),
    CallDeclaration(
      "dma_set_seg_boundary",
      [.positional("dev", .device), .positional("mask", .integer)],
      returns: .integer, lowering: .board,
      summary: "dma_parms: no segment crosses mask + 1; 0"),
    CallDeclaration(
      "dma_get_seg_boundary", [.positional("dev", .device)],
      returns: .integer, lowering: .board,
      summary: "the boundary mask no segment crosses (ULONG_MAX when unset)"),
    CallDeclaration(
      "dma_set_min_align_mask",
      [.positional("dev", .device), .positional("mask", .integer, bounds: 0...0xffff_ffff)],
      returns: nil, lowering: .board,
      summary: "dma_parms: low bits swiotlb keeps"),
    CallDeclaration(
      "dma_get_min_align_mask", [.positional("dev", .device)],
      returns: .integer, lowering: .board,
      summary: "the low bits swiotlb keeps"),
    CallDeclaration(
      "of_reserved_mem_device_init", [.positional("dev", .device)],
      returns: .integer, lowering: .board,
      summary: "tie the node's memory-region to the device; 0 or -ENODEV"),
    CallDeclaration(
      "of_reserved_mem_device_release", [.positional("dev", .device)],
      returns: nil, lowering: .board,
      summary: "untie the device's reserved memory"),
    CallDeclaration(
      "dma_map_single",
      [
        .positional("dev", .device), .positional("ptr", .pointer), .positional("size", .integer),
        .positional("dir", .constant),
      ],
      returns: .dmaHandle, lowering: .core,
      summary: "streaming mapping, device owns it"),
    CallDeclaration(
      "dma_mapping_error", [.positional("dev", .device), .positional("handle", .dmaHandle)],
      returns: .integer, lowering: .core,
      summary: "check a mapping result"),
    CallDeclaration(
      "dma_sync_single_for_cpu",
      [
        .positional("dev", .device), .positional("handle", .dmaHandle),
        .positional("size", .integer), .positional("dir", .constant),
      ],
      returns: nil, lowering: .core,
      summary: "give a mapped buffer to the CPU (invalidate)"),
    CallDeclaration(
      "dma_sync_single_for_device",
      [
        .positional("dev", .device), .positional("handle", .dmaHandle),
        .positional("size", .integer), .positional("dir", .constant),
      ],
      returns: nil, lowering: .core,
      summary: "give it back to the device (clean)"),
    CallDeclaration(
      "dma_unmap_single",
      [
        .positional("dev", .device), .positional("handle", .dmaHandle),
        .positional("size", .integer), .positional("dir", .constant),
      ],
      returns: nil, lowering: .core,
      summary: "end a streaming mapping"),
    CallDeclaration(
      "dma_map_page",
      [
        .positional("dev", .device), .positional("page", .page), .positional("offset", .integer),
        .positional("size", .integer), .positional("dir", .constant),
      ],
      returns: .dmaHandle, lowering: .pages,
      summary: "streaming mapping of (part of) a page, device owns it"),
    CallDeclaration(
      "dma_unmap_page",
      [
        .positional("dev", .device), .positional("handle", .dmaHandle),
        .positional("size", .integer), .positional("dir", .constant),
      ],
      returns: nil, lowering: .pages,
      summary: "end a dma_map_page mapping"),
    CallDeclaration(
      "sg_init_table", [.positional("nents", .integer, bounds: 1...4096)],
      returns: .scatterList, lowering: .engine,
      summary: "a scatter-gather table"),
    CallDeclaration(
      "sg_set_buf",
      [
        .positional("sg", .scatterList), .positional("index", .integer),
        .positional("buf", .pointer), .positional("len", .integer),
      ],
      returns: nil, lowering: .engine,
      summary: "describe one piece"),
    CallDeclaration(
      "dma_map_sg",
      [
        .positional("dev", .device), .positional("sg", .scatterList),
        .positional("nents", .integer), .positional("dir", .constant),
      ],
      returns: .integer, lowering: .engine,
      summary: "map every entry; returns the mapped count"),
    CallDeclaration(
      "dma_unmap_sg",
      [
        .positional("dev", .device), .positional("sg", .scatterList),
        .positional("nents", .integer), .positional("dir", .constant),
      ],
      returns: nil, lowering: .engine,
      summary: "unmap with the original nents"),
    CallDeclaration(
      "dma_sync_sg_for_cpu",
      [
        .positional("dev", .device), .positional("sg", .scatterList),
        .positional("nents", .integer), .positional("dir", .constant),
      ],
      returns: nil, lowering: .engine,
      summary: "give every entry back to the CPU (invalidate unless TO_DEVICE)"),
    CallDeclaration(
      "dma_sync_sg_for_device",
      [
        .positional("dev", .device), .positional("sg", .scatterList),
        .positional("nents", .integer), .positional("dir", .constant),
      ],
      returns: nil, lowering: .engine,
      summary: "give every entry back to the device (clean)"),
    CallDeclaration(
      "virt_to_phys", [.positional("ptr", .pointer)],
      returns: .dmaHandle, lowering: .core,
      summary: "physical address (not a DMA address!)"),
  ]
}
