extension LessonLibrary {
  /// Lesson `descriptor-ring`: a NIC TX ring in coherent memory: OWN set before the fields is read stale; OWN last is the fix.
  public static let descriptorRing = Lesson(
    name: "descriptor-ring",
    summary:
      "a NIC TX ring in coherent memory: OWN set before the fields is read stale; OWN last is the fix",
    source: #"""
      # A NIC's TX ring in coherent memory: who owns an entry, and in which order the driver writes it.
      lesson "Descriptor rings: OWN goes last"
      board soc

      say "eth0 masters the bus itself. Its TX ring lives in dma_alloc_coherent memory: four 16-byte entries of address, length, reserved and status, OWN in bit 31."
      ring = dma_alloc_coherent(eth0, 64, ring_dma, GFP_KERNEL)
      f0 = kmalloc(64, GFP_KERNEL)
      cpu_write(f0, 0, "frame 0: long enough that the NIC is still busy with it.......")
      f1 = kmalloc(64, GFP_KERNEL)
      cpu_write(f1, 0, "frame 1")
      f2 = kmalloc(64, GFP_KERNEL)
      cpu_write(f2, 0, "frame 2")
      h0 = dma_map_single(eth0, f0, 64, DMA_TO_DEVICE)
      h1 = dma_map_single(eth0, f1, 64, DMA_TO_DEVICE)
      h2 = dma_map_single(eth0, f2, 64, DMA_TO_DEVICE)
      writel(eth0, ETH_TX_RING_BASE, ring_dma)

      say "Entry 0, done right: address and length first, OWN last, then the doorbell. writel() orders the earlier stores before the register write."
      cpu_write_le32(ring, 0, h0)
      cpu_write_le32(ring, 4, 64)
      cpu_write_le32(ring, 12, 0x80000000)
      writel(eth0, ETH_TX_DOORBELL, 1)

      say "Entry 1, the bug: the driver sets OWN first and is held up (an interrupt, a cache miss) before it stores the address and length."
      cpu_write_le32(ring, 28, 0x80000000)
      run 10 ticks
      cpu_write_le32(ring, 16, h1)
      cpu_write_le32(ring, 20, 7)
      say "The NIC was still walking the ring: it read entry 1 between the stores, saw OWN and took address 0, length 0. Frame 1 is lost: the NIC sent nothing and handed the entry back."
      run 60 ticks
      expect wire(eth0, 0, 8) == "frame 0:"
      expect count(wire(eth0)) == 64
      expect ram(ring, 28, 4) == [0, 0, 0, 0]

      say "Entry 2, the fix: OWN is the last store. In a real driver a dma_wmb() sits between the field stores and the OWN store, because stores to coherent memory may reach the device out of order; this simulator's coherent stores reach RAM in program order, so here the order in the code is what matters."
      cpu_write_le32(ring, 32, h2)
      cpu_write_le32(ring, 36, 7)
      cpu_write_le32(ring, 44, 0x80000000)
      writel(eth0, ETH_TX_DOORBELL, 1)
      run 40 ticks
      expect count(wire(eth0)) == 71
      expect wire(eth0, 64, 7) == "frame 2"
      say "The NIC cleared OWN and wrote the byte count back into each status word it finished."
      status = cpu_read(ring, 44, 4)
      """#)
}
