extension LessonLibrary {
  /// Lesson `descriptor-ring`: a NIC TX ring in coherent memory: OWN set before the fields is read stale; fields, dma_wmb(), OWN, doorbell is the fix.
  public static let descriptorRing = Lesson(
    name: "descriptor-ring",
    summary:
      "a NIC TX ring in coherent memory: OWN set before the fields is read stale; fields, dma_wmb(), OWN, doorbell is the fix",
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

      say "Entry 0, done right: address and length, dma_wmb() so they reach memory before the OWN store, OWN, then the doorbell. The ring is Normal-NC memory: stores wait in the CPU's write buffer until a barrier drains it, and writel() starts with one (__iowmb)."
      cpu_write_le32(ring, 0, h0)
      cpu_write_le32(ring, 4, 64)
      dma_wmb()
      cpu_write_le32(ring, 12, 0x80000000)
      writel(eth0, ETH_TX_DOORBELL, 1)

      say "Entry 1, the bug: the driver sets OWN first, and a barrier (here a wmb() another part of the driver needed) pushes that store out before the address and length are written."
      cpu_write_le32(ring, 28, 0x80000000)
      wmb()
      cpu_write_le32(ring, 16, h1)
      cpu_write_le32(ring, 20, 7)
      say "The NIC was still walking the ring: it read entry 1 between the stores, saw OWN and took address 0, length 0. Frame 1 is lost: the NIC sent nothing and handed the entry back."
      run 60 ticks
      expect wire(eth0, 0, 8) == "frame 0:"
      expect count(wire(eth0)) == 64
      expect ram(ring, 28, 4) == [0, 0, 0, 0]

      say "Entry 2, the fix: the fields, then dma_wmb(), then OWN as the last store, then the doorbell. Whatever the NIC reads, it never sees OWN without the fields."
      cpu_write_le32(ring, 32, h2)
      cpu_write_le32(ring, 36, 7)
      dma_wmb()
      cpu_write_le32(ring, 44, 0x80000000)
      writel(eth0, ETH_TX_DOORBELL, 1)
      run 40 ticks
      expect count(wire(eth0)) == 71
      expect wire(eth0, 64, 7) == "frame 2"
      say "The NIC cleared OWN and wrote the byte count back into each status word it finished."
      status = cpu_read(ring, 44, 4)
      """#)
}
