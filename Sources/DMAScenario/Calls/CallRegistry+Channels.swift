extension CallRegistry {
  /// Channels and the dmaengine client flow: README's table of that name is rendered from this list.
  static let channels: [CallDeclaration] = [
    CallDeclaration(
      "dma_request_chan", [.positional("dev", .device), .positional("name", .string)],
      returns: .channel, lowering: .core,
      summary: "get a DMA channel by dma-names entry"),
    CallDeclaration(
      "dma_request_chan_by_mask", [.positional("DMA_MEMCPY", .constant)],
      returns: .channel, lowering: .engine,
      summary: "get any free channel with a capability"),
    CallDeclaration(
      "dma_release_channel", [.positional("chan", .channel)],
      returns: nil, lowering: .core,
      summary: "give the channel back"),
    CallDeclaration(
      "dmaengine_slave_config",
      [
        .positional("chan", .channel), .labelled("dst_addr_width", .integer),
        .labelled("dst_maxburst", .integer), .labelled("src_addr_width", .integer),
        .labelled("src_maxburst", .integer), .labelled("dst_addr", .integer),
        .labelled("src_addr", .integer),
      ],
      returns: nil, lowering: .core,
      summary: "set the peripheral side of a slave channel"),
    CallDeclaration(
      "dmaengine_prep_slave_single",
      [
        .positional("chan", .channel), .positional("handle", .dmaHandle),
        .positional("len", .integer), .positional("dir", .constant), .positional("flags", .flags),
      ],
      returns: .descriptor, lowering: .core,
      summary: "prepare a one-segment slave transfer"),
    CallDeclaration(
      "dmaengine_prep_slave_sg",
      [
        .positional("chan", .channel), .positional("sg", .scatterList),
        .positional("sg_len", .integer), .positional("dir", .constant),
        .positional("flags", .flags),
      ],
      returns: .descriptor, lowering: .engine,
      summary: "prepare a scatter-gather slave transfer"),
    CallDeclaration(
      "dmaengine_prep_dma_memcpy",
      [
        .positional("chan", .channel), .positional("dst", .dmaHandle),
        .positional("src", .dmaHandle), .positional("len", .integer), .positional("flags", .flags),
      ],
      returns: .descriptor, lowering: .engine,
      summary: "prepare a memory-to-memory copy"),
    CallDeclaration(
      "dmaengine_prep_dma_cyclic",
      [
        .positional("chan", .channel), .positional("handle", .dmaHandle),
        .positional("buf_len", .integer), .positional("period_len", .integer),
        .positional("dir", .constant), .positional("flags", .flags),
      ],
      returns: .descriptor, lowering: .engine,
      summary: "prepare a ring with a callback per period"),
    CallDeclaration(
      "dma_interleaved_template",
      [
        .labelled("src_start", .integer), .labelled("dst_start", .integer),
        .labelled("dir", .constant), .labelled("src_inc", .integer), .labelled("dst_inc", .integer),
        .labelled("src_sgl", .integer), .labelled("dst_sgl", .integer), .labelled("numf", .integer),
        .labelled("frame_size", .integer),
      ],
      returns: .interleavedTemplate, lowering: .device,
      summary: "fill in a struct dma_interleaved_template"),
    CallDeclaration(
      "data_chunk",
      [
        .positional("xt", .interleavedTemplate), .positional("index", .integer),
        .labelled("size", .integer), .labelled("icg", .integer), .labelled("dst_icg", .integer),
        .labelled("src_icg", .integer),
      ],
      returns: nil, lowering: .device,
      summary: "set xt->sgl[index]"),
    CallDeclaration(
      "dmaengine_prep_interleaved_dma",
      [
        .positional("chan", .channel), .positional("xt", .interleavedTemplate),
        .positional("flags", .flags),
      ],
      returns: .descriptor, lowering: .device,
      summary: "prepare frames of chunks with gaps"),
    CallDeclaration(
      "dmaengine_submit", [.positional("desc", .descriptor)],
      returns: .cookie, lowering: .core,
      summary: "queue a descriptor, get a cookie"),
    CallDeclaration(
      "dma_async_issue_pending", [.positional("chan", .channel)],
      returns: nil, lowering: .core,
      summary: "start the queued descriptors"),
    CallDeclaration(
      "dmaengine_tx_status", [.positional("chan", .channel), .positional("cookie", .cookie)],
      returns: .status, lowering: .core,
      summary: "status and residue"),
    CallDeclaration(
      "wait_for_completion", [.positional("cookie", .cookie)],
      returns: nil, lowering: .core,
      summary: "sleep until the callback ran"),
    CallDeclaration(
      "dmaengine_pause", [.positional("chan", .channel)],
      returns: nil, lowering: .engine,
      summary: "pause the channel"),
    CallDeclaration(
      "dmaengine_resume", [.positional("chan", .channel)],
      returns: nil, lowering: .engine,
      summary: "resume a paused channel"),
    CallDeclaration(
      "dmaengine_terminate_async", [.positional("chan", .channel)],
      returns: nil, lowering: .engine,
      summary: "stop; active descriptor to desc_terminated"),
    CallDeclaration(
      "dmaengine_terminate_sync", [.positional("chan", .channel)],
      returns: nil, lowering: .engine,
      summary: "terminate_async then synchronize"),
    CallDeclaration(
      "dmaengine_synchronize", [.positional("chan", .channel)],
      returns: nil, lowering: .engine,
      summary: "wait for callbacks, free terminated descriptors"),
    CallDeclaration(
      "dmaengine_desc_set_reuse", [.positional("desc", .descriptor)],
      returns: .integer, lowering: .engine,
      summary: "keep the descriptor after completion"),
    CallDeclaration(
      "dmaengine_desc_free", [.positional("desc", .descriptor)],
      returns: .integer, lowering: .engine,
      summary: "free a reusable descriptor"),
  ]
}
