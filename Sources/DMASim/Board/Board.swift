/// A board: the static hardware description the machine is built from.
public struct Board: Hashable, Sendable {
  /// Short name (`minimal`).
  public var name: String
  /// The `model` string, as in a device tree.
  public var model: String
  /// DRAM banks.
  public var dram: [MemoryRegion]
  /// MMIO regions of devices.
  public var mmio: [MemoryRegion]
  /// `PAGE_OFFSET`: where the linear map starts.
  public var pageOffset: UInt64
  /// Physical memory kept by the kernel image and early allocations (not given to allocators).
  public var kernelReserved: MemoryRegion
  /// The CPU's data cache.
  public var cache: CacheGeometry
  /// Peripherals.
  public var devices: [DeviceSpec]
  /// DMA controllers.
  public var controllers: [ControllerSpec]
  /// CMA areas (name, physical range); the first is the default area.
  public var cmaAreas: [MemoryRegion] = []
  /// IOMMUs (SMMUs); devices name theirs in `DeviceSpec.iommu`.
  public var iommus: [IOMMUSpec] = []
  // Boards built from a device tree (DMABoards) fill these; hand-built boards keep the defaults.
  /// Where the page allocator hands out pages (nil: from the end of `kernelReserved` to the
  /// first CMA area or the end of the first bank).
  public var pageAllocatorRange: MemoryRegion?
  /// Free memory below the ZONE_DMA limit for `GFP_DMA` allocations, when the page
  /// allocator's range lies above it.
  public var dmaZoneRange: MemoryRegion?
  /// `zone_dma_limit`: the highest physical address of ZONE_DMA (inclusive; 32-bit default).
  public var zoneDMALimit: UInt64 = 0xffff_ffff
  /// `no-map` reserved memory: left out of the linear map.
  public var noMapRegions: [MemoryRegion] = []
  /// The default swiotlb pool, nil when the board has none.
  public var swiotlb: SwiotlbPlacement?
  /// The atomic pools boot preallocated (kernel/dma/pool.c `dma_atomic_pool_init`); those
  /// with a `cmaBase` took their pages from the default CMA area (`atomic_pool_expand`,
  /// `cma_in_zone`), which is in use before the machine starts.
  public var atomicPools: [AtomicPool] = []
  /// The kernel release whose behaviour the machine follows where releases differ
  /// (`kernel 6.1` in a scenario; the newest profile otherwise).
  public var kernel = KernelVersion.newest
  /// Whose DMA cache-maintenance rules apply (arm64 unless a scenario says `arch arm32`).
  public var architecture = Architecture.arm64
  /// How the linear map is built: pages (`rodata=full`, the default) or blocks.
  public var linearMap = LinearMapGranularity.pages
  /// The memory type of the linear map: write-back, or ARM32's `cachepolicy=writethrough`.
  public var linearMapType = MemoryType.normalWriteBack
  /// The CPU's write buffer for bufferable stores.
  public var writeBuffer = WriteBufferSpec()

  /// Creates a board.
  public init(
    name: String, model: String, dram: [MemoryRegion], mmio: [MemoryRegion], pageOffset: UInt64,
    kernelReserved: MemoryRegion, cache: CacheGeometry, devices: [DeviceSpec],
    controllers: [ControllerSpec]
  ) {
    self.name = name
    self.model = model
    self.dram = dram
    self.mmio = mmio
    self.pageOffset = pageOffset
    self.kernelReserved = kernelReserved
    self.cache = cache
    self.devices = devices
    self.controllers = controllers
  }

  /// The device with a name.
  public func device(named name: String) -> DeviceSpec? { devices.first { $0.name == name } }
}

/// A peripheral on the board.
public struct DeviceSpec: Hashable, Sendable {
  /// Device name (`spi0`).
  public var name: String
  /// Device-tree compatible string.
  public var compatible: String
  /// The bound driver's name, as dma-debug prints it (`ssp-pl022`).
  public var driverName: String
  /// The kernel's `dev_name()` (`9060000.spi`).
  public var kernelName: String
  /// Whether the device snoops the CPU cache (`dma-coherent`).
  public var coherent: Bool
  /// Streaming DMA mask width in bits.
  public var dmaMaskBits: Int
  /// The device's transmit FIFO (memory to device), if it has one.
  public var fifo: FIFOSpec?
  /// The device's receive FIFO (device to memory), if it has one.
  public var rxFIFO: FIFOSpec?
  /// `dmas`/`dma-names`: named request lines on controllers.
  public var dmas: [DMAChannelRef]
  /// The IOMMU the device sits behind (`iommus = <&smmu SID>`), by `IOMMUSpec.name`; nil when
  /// the device masters physical addresses directly.
  public var iommu: String?
  /// The stream ID in the `iommus` specifier (what arm-smmu reports as `cbfrsynra`).
  public var streamID: UInt32 = 0
  // The bus view (of_dma_configure); hand-built boards keep the defaults.
  /// CPU physical address minus bus address (the `dma-ranges` offset; 0 when none).
  public var dmaOffset: UInt64 = 0
  /// `bus_dma_limit`: the highest bus address the device's buses carry (0: no limit).
  public var busDMALimit: UInt64 = 0
  /// Coherent DMA mask width in bits at probe (`coherent_dma_mask`).
  public var coherentMaskBits = 32
  /// The per-device coherent pool (`memory-region` to a non-reusable `shared-dma-pool`).
  public var coherentPool: MemoryRegion?
  /// The per-device CMA area's name (`memory-region` to a reusable `shared-dma-pool`).
  public var cmaArea: String?
  /// The device-tree node (nil for hand-built boards).
  public var node: String?
  /// `iommus` targets (node paths) as the tree names them; not translated yet.
  public var iommuReferences: [String] = []
  /// The medium behind an MMC-like block device.
  public var block: BlockDeviceSpec?
  /// The descriptor rings of a NIC (a bus master with its own DMA).
  public var nic: NICSpec?

  /// Creates a device.
  public init(
    name: String, compatible: String, driverName: String, kernelName: String, coherent: Bool,
    dmaMaskBits: Int, fifo: FIFOSpec?, rxFIFO: FIFOSpec? = nil, dmas: [DMAChannelRef],
    block: BlockDeviceSpec? = nil, nic: NICSpec? = nil
  ) {
    self.name = name
    self.compatible = compatible
    self.driverName = driverName
    self.kernelName = kernelName
    self.coherent = coherent
    self.dmaMaskBits = dmaMaskBits
    self.fifo = fifo
    self.rxFIFO = rxFIFO
    self.dmas = dmas
    self.block = block
    self.nic = nic
  }
}

/// One `dmas` entry with its `dma-names` name.
public struct DMAChannelRef: Hashable, Sendable {
  /// The `dma-names` entry (`tx`, `rx`).
  public var name: String
  /// The controller's name.
  public var controller: String
  /// The request line number (the DMA specifier cell).
  public var requestLine: Int

  /// Creates a reference.
  public init(name: String, controller: String, requestLine: Int) {
    self.name = name
    self.controller = controller
    self.requestLine = requestLine
  }
}

/// A peripheral's data FIFO and its request-line behaviour.
public struct FIFOSpec: Hashable, Sendable {
  /// Physical address of the data register the DMA reads or writes.
  public var dataRegister: PhysAddr
  /// Capacity in bytes.
  public var depth: Int
  /// Word width in bytes.
  public var width: Int
  /// The peripheral raises DRQ when at least this many bytes are free (TX).
  public var requestThreshold: Int
  /// Ticks the peripheral needs to shift one word out.
  public var ticksPerWord: Int

  /// Creates a FIFO description.
  public init(
    dataRegister: PhysAddr, depth: Int, width: Int, requestThreshold: Int, ticksPerWord: Int
  ) {
    self.dataRegister = dataRegister
    self.depth = depth
    self.width = width
    self.requestThreshold = requestThreshold
    self.ticksPerWord = ticksPerWord
  }
}

/// A DMA controller on the board.
public struct ControllerSpec: Hashable, Sendable {
  /// Controller name (`dma0`).
  public var name: String
  /// Device-tree compatible string.
  public var compatible: String
  /// Number of hardware channels (`dma-channels`).
  public var physicalChannels: Int
  /// Request lines with a virtual channel each.
  public var requestLines: [Int]
  /// Extra virtual channels for memory-to-memory copies (no request line).
  public var memcpyChannels: Int
  /// Capabilities.
  public var capabilities: DMACapabilities

  /// Creates a controller description.
  public init(
    name: String, compatible: String, physicalChannels: Int, requestLines: [Int],
    memcpyChannels: Int = 0, capabilities: DMACapabilities
  ) {
    self.name = name
    self.compatible = compatible
    self.physicalChannels = physicalChannels
    self.requestLines = requestLines
    self.memcpyChannels = memcpyChannels
    self.capabilities = capabilities
  }
}

extension DeviceSpec {
  /// What `dev_info`/`dev_warn`/`dev_err` print before the message: `dev_driver_string` and
  /// `dev_name` (drivers/base/core.c `__dev_printk`), e.g. `floppy 100003f0.floppy: `.
  public var devPrefix: String { "\(driverName.isEmpty ? "platform" : driverName) \(kernelName): " }
}
