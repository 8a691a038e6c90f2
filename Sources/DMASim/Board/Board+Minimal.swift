extension Board {
  /// The built-in minimal board: 256 MiB of DRAM, an 8 KiB write-back data cache, one SPI
  /// controller with a 32-byte TX FIFO (not DMA-coherent) and a one-channel DMA controller.
  public static let minimal = Board(
    name: "minimal",
    model: "dmascope minimal board",
    dram: [MemoryRegion(name: "memory@40000000", base: 0x4000_0000, size: 256 << 20)],
    mmio: [
      MemoryRegion(name: "spi@9060000", base: 0x0906_0000, size: 0x1000),
      MemoryRegion(name: "dma-controller@9070000", base: 0x0907_0000, size: 0x1000),
    ],
    pageOffset: 0xffff_0000_0000_0000,
    kernelReserved: MemoryRegion(name: "kernel", base: 0x4000_0000, size: 32 << 20),
    cache: CacheGeometry(size: 8 << 10, ways: 4, lineSize: 64),
    devices: [
      DeviceSpec(
        name: "spi0", compatible: "arm,pl022", driverName: "ssp-pl022",
        kernelName: "9060000.spi", coherent: false, dmaMaskBits: 32,
        fifo: FIFOSpec(
          dataRegister: PhysAddr(0x0906_0008), depth: 32, width: 4, requestThreshold: 16,
          ticksPerWord: 3),
        dmas: [DMAChannelRef(name: "tx", controller: "dma0", requestLine: 5)])
    ],
    controllers: [
      ControllerSpec(
        name: "dma0", compatible: "arm,pl330", physicalChannels: 1, requestLines: [5],
        capabilities: DMACapabilities(
          transactionTypes: ["DMA_SLAVE", "DMA_CYCLIC", "DMA_MEMCPY"], addressWidths: [1, 2, 4, 8],
          maxBurst: 16, residueGranularity: .burst, descriptorReuse: true))
    ])

  /// Every built-in board by name.
  public static let builtIn: [Board] = [.minimal, .soc, .soc8G, .socIOMMU]
}
