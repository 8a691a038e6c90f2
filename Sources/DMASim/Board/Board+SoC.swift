extension Board {
  /// A richer built-in board: 1 GiB of DRAM, a 32 KiB cache and a two-channel DMA controller
  /// shared by a UART (TX and RX), an I2S audio codec (cyclic playback), the SPI controller and
  /// two memcpy channels. Two physical channels for five virtual ones: the arbiter matters.
  ///
  /// A second controller, `dma1`, walks hardware linked-list items (PL080's four-word LLIs)
  /// from a `dma_pool`, posts its memory writes (they land 24 ticks later), offers
  /// `DMA_INTERLEAVE` and reports residue per segment; it serves an MMC host (`mmc0`, a 64-block
  /// card behind a data FIFO) and two memcpy channels. `eth0` is a NIC with its own DMA and
  /// TX/RX descriptor rings in coherent memory.
  public static let soc = Board(
    name: "soc",
    model: "dmascope SoC with shared DMA channels",
    dram: [MemoryRegion(name: "memory@40000000", base: 0x4000_0000, size: 1 << 30)],
    mmio: [
      MemoryRegion(name: "serial@9000000", base: 0x0900_0000, size: 0x1000),
      MemoryRegion(name: "i2s@9050000", base: 0x0905_0000, size: 0x1000),
      MemoryRegion(name: "spi@9060000", base: 0x0906_0000, size: 0x1000),
      MemoryRegion(name: "dma-controller@9070000", base: 0x0907_0000, size: 0x1000),
      MemoryRegion(name: "mmc@9080000", base: 0x0908_0000, size: 0x1000),
      MemoryRegion(name: "dma-controller@9090000", base: 0x0909_0000, size: 0x1000),
      MemoryRegion(name: "ethernet@90a0000", base: 0x090a_0000, size: 0x1000),
    ],
    pageOffset: 0xffff_0000_0000_0000,
    kernelReserved: MemoryRegion(name: "kernel", base: 0x4000_0000, size: 32 << 20),
    cache: CacheGeometry(size: 32 << 10, ways: 4, lineSize: 64),
    devices: [
      DeviceSpec(
        name: "uart0", compatible: "arm,pl011", driverName: "uart-pl011",
        kernelName: "9000000.serial", coherent: false, dmaMaskBits: 32,
        fifo: FIFOSpec(
          dataRegister: PhysAddr(0x0900_0000), depth: 16, width: 1, requestThreshold: 8,
          ticksPerWord: 2),
        rxFIFO: FIFOSpec(
          dataRegister: PhysAddr(0x0900_0000), depth: 16, width: 1, requestThreshold: 4,
          ticksPerWord: 2),
        dmas: [
          DMAChannelRef(name: "tx", controller: "dma0", requestLine: 1),
          DMAChannelRef(name: "rx", controller: "dma0", requestLine: 2),
        ]),
      DeviceSpec(
        name: "i2s0", compatible: "snps,designware-i2s", driverName: "designware-i2s",
        kernelName: "9050000.i2s", coherent: false, dmaMaskBits: 32,
        fifo: FIFOSpec(
          dataRegister: PhysAddr(0x0905_01c8), depth: 64, width: 4, requestThreshold: 32,
          ticksPerWord: 4),
        dmas: [DMAChannelRef(name: "tx", controller: "dma0", requestLine: 3)]),
      DeviceSpec(
        name: "spi0", compatible: "arm,pl022", driverName: "ssp-pl022",
        kernelName: "9060000.spi", coherent: false, dmaMaskBits: 32,
        fifo: FIFOSpec(
          dataRegister: PhysAddr(0x0906_0008), depth: 32, width: 4, requestThreshold: 16,
          ticksPerWord: 3),
        dmas: [DMAChannelRef(name: "tx", controller: "dma0", requestLine: 5)]),
      DeviceSpec(
        name: "dma0", compatible: "arm,pl330", driverName: "dma-pl330",
        kernelName: "9070000.dma-controller", coherent: false, dmaMaskBits: 32, fifo: nil,
        dmas: []),
      DeviceSpec(
        name: "mmc0", compatible: "arm,pl18x", driverName: "mmci-pl18x",
        kernelName: "9080000.mmc", coherent: false, dmaMaskBits: 32,
        fifo: FIFOSpec(
          dataRegister: PhysAddr(0x0908_0080), depth: 64, width: 4, requestThreshold: 32,
          ticksPerWord: 1),
        rxFIFO: FIFOSpec(
          dataRegister: PhysAddr(0x0908_0080), depth: 64, width: 4, requestThreshold: 32,
          ticksPerWord: 1),
        dmas: [
          DMAChannelRef(name: "tx", controller: "dma1", requestLine: 0),
          DMAChannelRef(name: "rx", controller: "dma1", requestLine: 1),
        ],
        block: BlockDeviceSpec(blockSize: 512, blockCount: 64)),
      DeviceSpec(
        name: "dma1", compatible: "dmascope,lldma", driverName: "lldma",
        kernelName: "9090000.dma-controller", coherent: false, dmaMaskBits: 32, fifo: nil,
        dmas: []),
      DeviceSpec(
        name: "eth0", compatible: "dmascope,ring-nic", driverName: "ringnic",
        kernelName: "90a0000.ethernet", coherent: false, dmaMaskBits: 32, fifo: nil, dmas: [],
        nic: NICSpec(ringEntries: 4, burstBytes: 16)),
    ],
    controllers: [
      ControllerSpec(
        name: "dma0", compatible: "arm,pl330", physicalChannels: 2, requestLines: [1, 2, 3, 5],
        memcpyChannels: 2,
        capabilities: DMACapabilities(
          transactionTypes: ["DMA_SLAVE", "DMA_CYCLIC", "DMA_MEMCPY"], addressWidths: [1, 2, 4, 8],
          maxBurst: 16, residueGranularity: .burst, descriptorReuse: true)),
      ControllerSpec(
        name: "dma1", compatible: "dmascope,lldma", physicalChannels: 2, requestLines: [0, 1],
        memcpyChannels: 2,
        capabilities: DMACapabilities(
          transactionTypes: ["DMA_SLAVE", "DMA_MEMCPY", "DMA_INTERLEAVE"],
          addressWidths: [1, 2, 4, 8], maxBurst: 16, residueGranularity: .segment,
          descriptorReuse: true, hardwareLLI: true, postedWriteTicks: 24)),
    ])

  /// The soc board with 8 GiB of DRAM and a 1 GiB default CMA area placed as
  /// `dma_contiguous_reserve(arm64_dma_phys_limit)` places it: the limit is the 4 GiB top of
  /// ZONE_DMA32, too low for `cma_declare_contiguous`'s bottom-up try above 4 GiB, so the area
  /// is taken top-down just below 4 GiB, where 32-bit devices reach it.
  public static let soc8G: Board = {
    var board = Board.soc
    board.name = "soc8g"
    board.model = "dmascope SoC with 8 GiB of DRAM and 1 GiB of CMA"
    board.dram = [MemoryRegion(name: "memory@40000000", base: 0x4000_0000, size: 8 << 30)]
    board.cmaAreas = [MemoryRegion(name: "reserved", base: 0xc000_0000, size: 1 << 30)]
    return board
  }()
}
