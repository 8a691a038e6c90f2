extension LessonLibrary {
  /// The tour `dmascope` opens with no argument.
  public static let tour = Lesson(
    name: "tour",
    summary: "a short tour: each panel and the keys, in one transfer",
    source: #"""
      # The tour `dmascope` opens with no argument: each panel and the keys, in one short transfer.
      lesson "Tour: the panels and a few keys"
      board minimal

      say "Welcome. This line narrates. Press s to step one event, n for the next statement, c to run to the next pause."
      chan = dma_request_chan(spi0, "tx")
      dmaengine_slave_config(chan, dst_addr_width=4, dst_maxburst=4)
      buf = kmalloc(64, GFP_KERNEL)
      say "Panel 1, Address spaces: the buffer's virtual, physical and bus addresses, and its bytes as the CPU, RAM and the device see them."
      cpu_write(buf, 0, "A tour of DMA!! ", repeat=4)
      expect line_state(buf) == dirty
      pause
      say "Panel 2, Cache: every line with its state and bytes. The store left a dirty line; RAM still holds zeros."
      handle = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
      ret = dma_mapping_error(spi0, handle)
      expect line_state(buf) == clean
      say "dma_map_single cleaned the line for the device. Press S to step back in time and s to come forward again."
      pause
      say "Panel 3, Channel queues: the descriptor moves from desc_allocated to desc_submitted, desc_issued, the hardware, and done."
      desc = dmaengine_prep_slave_single(chan, handle, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cookie = dmaengine_submit(desc)
      dma_async_issue_pending(chan)
      pause
      say "Panel 4, Event log: each event with the kernel function behind it. Tab or 1-4 focus a panel, Enter zooms, Up/Down scroll."
      wait_for_completion(cookie)
      expect wire(spi0, 0, 16) == "A tour of DMA!! "
      dma_unmap_single(spi0, handle, 64, DMA_TO_DEVICE)
      kfree(buf)
      say "That is the tour. ? lists every key, q quits. `dmascope lessons` lists the course; start with `dmascope run first-transfer`."
      """#)
}
