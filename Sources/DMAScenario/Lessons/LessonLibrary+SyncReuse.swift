extension LessonLibrary {
  /// One streaming mapping reused across transfers with the sync calls.
  public static let syncReuse = Lesson(
    name: "sync-reuse",
    summary:
      "one mapping, many receives: sync_for_cpu before reading, sync_for_device before reuse",
    source: #"""
      # One streaming mapping reused for many receives: sync for the CPU, sync for the device.
      lesson "Reusing a mapping: dma_sync_single_for_cpu and dma_sync_single_for_device"
      board soc

      rx = dma_request_chan(uart0, "rx")
      dmaengine_slave_config(rx, src_addr_width=1, src_maxburst=4)
      buf = kmalloc(64, GFP_KERNEL)
      cpu_write(buf, 0, fill(0x2e, 64))
      say "Map once, FROM_DEVICE. The device owns the buffer until the driver syncs it for the CPU."
      h = dma_map_single(uart0, buf, 64, DMA_FROM_DEVICE)
      ret = dma_mapping_error(uart0, h)
      expect ret == 0

      say "First message: the UART writes RAM behind the cache."
      d1 = dmaengine_prep_slave_single(rx, h, 16, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      c1 = dmaengine_submit(d1)
      dma_async_issue_pending(rx)
      device_receive(uart0, "first message #1")
      wait_for_completion(c1)
      expect ram(buf, 0, 16) == "first message #1"
      say "sync_for_cpu invalidates the lines, so the CPU's next load misses and fetches RAM."
      dma_sync_single_for_cpu(uart0, h, 64, DMA_FROM_DEVICE)
      expect line_state(buf) == invalid
      first = cpu_read(buf, 0, 16)
      expect first == "first message #1"

      say "Give the buffer back: sync_for_device before the next transfer, with the same direction."
      dma_sync_single_for_device(uart0, h, 64, DMA_FROM_DEVICE)
      d2 = dmaengine_prep_slave_single(rx, h, 16, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      c2 = dmaengine_submit(d2)
      dma_async_issue_pending(rx)
      device_receive(uart0, "second one, #2!!")
      wait_for_completion(c2)
      ask "The CPU read the first message into its cache. Without a sync, what would it read now: first or second?" choices("first", "second") answer "first"
      expect cpu_view(buf, 0, 16) == "first message #1"
      say "Exactly: the cache still holds the first message. sync_for_cpu again, and the CPU sees the second."
      dma_sync_single_for_cpu(uart0, h, 64, DMA_FROM_DEVICE)
      second = cpu_read(buf, 0, 16)
      expect second == "second one, #2!!"
      dma_unmap_single(uart0, h, 64, DMA_FROM_DEVICE)
      expect dma_debug_errors() == 0
      kfree(buf)
      """#)
}
