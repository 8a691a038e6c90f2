extension Board {
  /// The soc board with an Arm MMU-500 SMMU and a second SPI controller behind it: `spi0`
  /// masters physical addresses, `spi1` (stream ID 0x100) sees only the IOVAs its DMA domain
  /// maps. Both are non-coherent and share `dma0` (request lines 5 and 6).
  public static let socIOMMU: Board = {
    var board = Board.soc
    board.name = "soc_iommu"
    board.model = "dmascope SoC with an SMMU (MMU-500)"
    board.mmio += [
      MemoryRegion(name: "spi@9080000", base: 0x0908_0000, size: 0x1000),
      MemoryRegion(name: "iommu@9100000", base: 0x0910_0000, size: 0x10000),
    ]
    var spi1 = DeviceSpec(
      name: "spi1", compatible: "arm,pl022", driverName: "ssp-pl022", kernelName: "9080000.spi",
      coherent: false, dmaMaskBits: 32,
      fifo: FIFOSpec(
        dataRegister: PhysAddr(0x0908_0008), depth: 32, width: 4, requestThreshold: 16,
        ticksPerWord: 3),
      dmas: [DMAChannelRef(name: "tx", controller: "dma0", requestLine: 6)])
    spi1.iommu = "smmu0"
    spi1.streamID = 0x100
    board.devices.insert(spi1, at: 3)
    board.controllers[0].requestLines.append(6)
    board.iommus = [
      IOMMUSpec(
        name: "smmu0", compatible: "arm,mmu-500", kernelName: "9100000.iommu",
        driverName: "arm-smmu", inputAddressBits: 48, iotlbEntries: 8, coherentWalk: true)
    ]
    return board
  }()
}
