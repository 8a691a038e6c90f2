/// What early memory setup reads, in neutral terms (no device-tree types): memory banks,
/// `/memreserve/` entries, the `/reserved-memory` children, DMA controllers and their
/// consumers, and the kernel command line. `DMABoards` builds one from a device tree.
public struct BootDescription: Hashable, Sendable {
  /// The board's model string (`Machine model:`).
  public var model: String
  /// `dt_root_addr_cells`: how addresses in `reg`, `alignment` and `alloc-ranges` of
  /// reserved-memory nodes are read.
  public var rootAddressCells: Int
  /// `dt_root_size_cells`: how sizes in `reg`, `size` and `alloc-ranges` are read.
  public var rootSizeCells: Int
  /// Memory banks in tree order (`device_type = "memory"` nodes under the root).
  public var memory: [MemoryBank]
  /// `/memreserve/` entries.
  public var memoryReservations: [PhysicalRange]
  /// The `/reserved-memory` node, if the tree has one.
  public var reservedMemory: ReservedMemoryDescription?
  /// DMA controllers (nodes with `#dma-cells`).
  public var controllers: [DMAControllerDescription]
  /// Devices that use DMA (`dmas`, `memory-region`, `iommus`, `dma-coherent`, `dma-ranges`).
  public var consumers: [DMAConsumerDescription]
  /// The lowest CPU address any `dma-ranges` window ends at, minus one
  /// (`of_dma_get_max_cpu_address`); nil when no node has `dma-ranges`.
  public var maximumDMACPUAddress: UInt64?
  /// The kernel command line (`/chosen/bootargs` unless overridden).
  public var commandLine: String

  /// Creates a description.
  public init(
    model: String, rootAddressCells: Int, rootSizeCells: Int, memory: [MemoryBank],
    memoryReservations: [PhysicalRange], reservedMemory: ReservedMemoryDescription?,
    controllers: [DMAControllerDescription], consumers: [DMAConsumerDescription],
    maximumDMACPUAddress: UInt64?, commandLine: String
  ) {
    self.model = model
    self.rootAddressCells = rootAddressCells
    self.rootSizeCells = rootSizeCells
    self.memory = memory
    self.memoryReservations = memoryReservations
    self.reservedMemory = reservedMemory
    self.controllers = controllers
    self.consumers = consumers
    self.maximumDMACPUAddress = maximumDMACPUAddress
    self.commandLine = commandLine
  }
}
