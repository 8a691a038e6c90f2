extension LessonLibrary {
  /// Lesson `dmatest`: drivers/dma/dmatest.c: its patterns and verification by hand, then the module passing and failing.
  public static let dmatest = Lesson(
    name: "dmatest",
    summary:
      "dmatest: one memcpy iteration by hand (patterns, mappings, verify), then the module's result lines",
    source: #"""
      # drivers/dma/dmatest.c: one iteration by hand, then the module itself, passing and failing.
      lesson "dmatest: testing a DMA controller's memcpy channels"
      board soc

      say "dmatest (CONFIG_DMATEST) is how a DMA controller driver is tested: one kthread per DMA_MEMCPY channel copies a random window of a source buffer into a destination buffer, over and over, and checks every byte. First, one iteration by hand."
      m = dma_request_chan_by_mask(DMA_MEMCPY)
      src = kmalloc(32, GFP_KERNEL)
      dst = kmalloc(32, GFP_KERNEL)
      say "The patterns say what every byte is. Source: 0x80 | (~i & 0x1f), with 0x40 (COPY) set inside the window to copy. Destination: ~i & 0x1f, with 0x20 (OVERWRITE) set where the copy should land. Here src_off=8, dst_off=4, len=16."
      cpu_write(src, 0, bytes(0x9f, 0x9e, 0x9d, 0x9c, 0x9b, 0x9a, 0x99, 0x98, 0xd7, 0xd6, 0xd5, 0xd4, 0xd3, 0xd2, 0xd1, 0xd0, 0xcf, 0xce, 0xcd, 0xcc, 0xcb, 0xca, 0xc9, 0xc8, 0x87, 0x86, 0x85, 0x84, 0x83, 0x82, 0x81, 0x80))
      cpu_write(dst, 0, bytes(0x1f, 0x1e, 0x1d, 0x1c, 0x3b, 0x3a, 0x39, 0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32, 0x31, 0x30, 0x2f, 0x2e, 0x2d, 0x2c, 0x0b, 0x0a, 0x09, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0x00))
      say "Both whole buffers are mapped: the source DMA_TO_DEVICE (cleaned), the destination DMA_BIDIRECTIONAL, so its pattern is cleaned to RAM and the unmap invalidates what the engine wrote."
      hs = dma_map_single(dma0, src, 32, DMA_TO_DEVICE)
      es = dma_mapping_error(dma0, hs)
      hd = dma_map_single(dma0, dst, 32, DMA_BIDIRECTIONAL)
      ed = dma_mapping_error(dma0, hd)
      expect es == 0
      expect ed == 0
      d = dmaengine_prep_dma_memcpy(m, hd + 4, hs + 8, 16, DMA_PREP_INTERRUPT | DMA_CTRL_ACK)
      c = dmaengine_submit(d)
      dma_async_issue_pending(m)
      wait_for_completion(c)
      dma_unmap_single(dma0, hs, 32, DMA_TO_DEVICE)
      dma_unmap_single(dma0, hd, 32, DMA_BIDIRECTIONAL)
      say "dmatest_verify: the source must be untouched, the destination must hold source bytes (COPY set) inside the window and its own pattern (OVERWRITE clear) outside it. A byte out of place tells which rule broke: 'not copied!', 'was copied!', 'overwritten!' or 'mismatch!'."
      expect cpu_view(dst, 0, 32) == bytes(0x1f, 0x1e, 0x1d, 0x1c, 0xd7, 0xd6, 0xd5, 0xd4, 0xd3, 0xd2, 0xd1, 0xd0, 0xcf, 0xce, 0xcd, 0xcc, 0xcb, 0xca, 0xc9, 0xc8, 0x0b, 0x0a, 0x09, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0x00)
      expect cpu_view(src, 8, 2) == bytes(0xd7, 0xd6)
      dma_release_channel(m)
      kfree(dst)
      kfree(src)
      pause

      say "Now the module: modprobe dmatest iterations=20 test_buf_size=256, echo 1 > run, cat wait. It takes every DMA_MEMCPY channel (dma0chan4, dma0chan5, dma1chan2 and dma1chan3 on this board), one thread each, random lengths and offsets. Read its lines in the event log."
      r = dmatest_run(iterations=20, test_buf_size=256)
      say "Each thread ends with its summary: 'dmatest: dma0chan4-copy0: summary 20 tests, 0 failures ... iops ... KB/s (0)'. Passed tests print nothing unless verbose=1."
      expect r == 0
      pause

      say "What a failure looks like: one channel (max_channels=1), three tests, and a driver bug injected. The destination is never unmapped, so the CPU verifies through cache lines that still hold the destination pattern, not what the engine wrote to RAM."
      r = dmatest_run(iterations=3, test_buf_size=256, max_channels=1, inject_stale_cache=1)
      say "Every test fails: up to 32 lines of 'dstbuf[0x..] not copied! Expected .., got ..' (then 'N errors suppressed'), a 'result #n: data error' line with the count, and a summary with failures."
      ask "dmatest says 'not copied!' for a destination byte. Did the engine fail to copy, or could the CPU be reading a stale line?" choices("engine", "either") answer "either"
      expect r == 3
      say "dmatest cannot tell a broken controller from broken cache maintenance: it checks what the CPU sees. That is exactly the contract a DMA driver has to keep."
      """#)
}
