extension LessonLibrary {
  /// Lesson `pause-terminate-reuse`: pause and resume, terminate then synchronize, and a DMA_CTRL_REUSE descriptor submitted again.
  public static let pauseTerminateReuse = Lesson(
    name: "pause-terminate-reuse",
    summary:
      "pause and resume, terminate then synchronize, and a DMA_CTRL_REUSE descriptor submitted again",
    source: #"""
      # Stopping a transfer: pause and resume, terminate then synchronize, and a descriptor kept for reuse.
      lesson "Pause, terminate, synchronize, reuse"
      board soc

      uart = dma_request_chan(uart0, "tx")
      dmaengine_slave_config(uart, dst_addr_width=1, dst_maxburst=4)
      buf = kmalloc(64, GFP_KERNEL)
      cpu_write(buf, 0, "a slow UART drains this buffer one byte at a time, 64 bytes....!")
      h = dma_map_single(uart0, buf, 64, DMA_TO_DEVICE)
      ret = dma_mapping_error(uart0, h)

      say "dma0 supports descriptor_reuse: with DMA_CTRL_REUSE the descriptor survives its completion and can be submitted again."
      d = dmaengine_prep_slave_single(uart, h, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      r = dmaengine_desc_set_reuse(d)
      expect r == 0
      c1 = dmaengine_submit(d)
      dma_async_issue_pending(uart)
      run 40 ticks
      say "dmaengine_pause stops the channel after the beat in flight; the driver reports DMA_PAUSED with the residue."
      dmaengine_pause(uart)
      p = dmaengine_tx_status(uart, c1)
      expect p == DMA_PAUSED
      run 40 ticks
      dmaengine_resume(uart)
      run 20 ticks
      say "dmaengine_terminate_async stops the hardware and parks the active descriptor on desc_terminated: a callback may still be running."
      dmaengine_terminate_async(uart)
      expect count(desc_terminated(uart)) == 1
      say "dmaengine_synchronize waits for the tasklet (tasklet_kill); the reusable descriptor goes back to desc_allocated instead of being freed."
      dmaengine_synchronize(uart)
      expect count(desc_terminated(uart)) == 0
      expect desc_allocated(uart) == [d]
      say "Submit it again: a new cookie, the whole buffer this time."
      c2 = dmaengine_submit(d)
      expect c2 == 3
      dma_async_issue_pending(uart)
      wait_for_completion(c2)
      s = dmaengine_tx_status(uart, c2)
      expect s == DMA_COMPLETE
      expect desc_allocated(uart) == [d]
      say "A reusable descriptor is freed by its owner: dmaengine_desc_free."
      f = dmaengine_desc_free(d)
      expect f == 0
      dma_unmap_single(uart0, h, 64, DMA_TO_DEVICE)
      dma_release_channel(uart)
      """#)
}
