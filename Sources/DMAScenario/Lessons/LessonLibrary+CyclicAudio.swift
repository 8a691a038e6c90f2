extension LessonLibrary {
  /// Lesson `cyclic-audio`: cyclic I2S playback: period callbacks, pause/resume, terminate and synchronize.
  public static let cyclicAudio = Lesson(
    name: "cyclic-audio",
    summary: "cyclic I2S playback: period callbacks, pause/resume, terminate and synchronize",
    source: #"""
      # Cyclic DMA: an audio ring that never completes, a callback per period.
      lesson "Cyclic audio: periods, pause, terminate and synchronize"
      board soc

      say "An I2S codec plays samples from a ring buffer. The DMA loops over it forever."
      i2s = dma_request_chan(i2s0, "tx")
      dmaengine_slave_config(i2s, dst_addr_width=4, dst_maxburst=8)
      ring = kmalloc(256, GFP_KERNEL)
      cpu_write(ring, 0, "~~audio~samples~", repeat=16)
      h = dma_map_single(i2s0, ring, 256, DMA_TO_DEVICE)
      dma_mapping_error(i2s0, h)

      say "Four periods of 64 bytes: the driver asks for a callback at the end of each one."
      d = dmaengine_prep_dma_cyclic(i2s, h, 256, 64, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(i2s)
      say "The descriptor stays active: a cyclic transfer never reaches desc_completed."
      run 300 ticks
      say "Pause: the channel stops after the beat in flight and tx_status reports DMA_PAUSED."
      dmaengine_pause(i2s)
      s = dmaengine_tx_status(i2s, c)
      expect s == DMA_PAUSED
      run 60 ticks
      say "The FIFO drains while paused: the codec underruns. Resume and the ring goes on."
      dmaengine_resume(i2s)
      run 200 ticks
      pause
      say "terminate_sync: the active descriptor moves to desc_terminated, then synchronize frees it."
      dmaengine_terminate_async(i2s)
      expect count(desc_terminated(i2s)) == 1
      dmaengine_synchronize(i2s)
      expect count(desc_terminated(i2s)) == 0
      expect count(wire(i2s0)) > 256
      dma_unmap_single(i2s0, h, 256, DMA_TO_DEVICE)
      kfree(ring)
      """#)
}
