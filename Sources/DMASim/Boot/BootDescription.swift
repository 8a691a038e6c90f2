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
  /// What `unflatten_device_tree` copies: one name length per node (the unit name, `@…`
  /// included; the root's is empty) and the number of properties.
  public var treeShape: TreeShape

  /// The nodes and properties of the flattened tree, as `unflatten_device_tree` sizes them.
  public struct TreeShape: Hashable, Sendable {
    /// Per node, the length of its name (`name@unit`).
    public var nameLengths: [Int]
    /// Per node, the length of its name before `@`.
    public var baseNameLengths: [Int]
    /// Properties in the whole tree.
    public var properties: Int

    /// Creates a shape.
    public init(nameLengths: [Int], baseNameLengths: [Int], properties: Int) {
      self.nameLengths = nameLengths
      self.baseNameLengths = baseNameLengths
      self.properties = properties
    }

    /// No tree (a description built by hand).
    public static let empty = TreeShape(nameLengths: [], baseNameLengths: [], properties: 0)
  }

  /// Creates a description.
  public init(
    model: String, rootAddressCells: Int, rootSizeCells: Int, memory: [MemoryBank],
    memoryReservations: [PhysicalRange], reservedMemory: ReservedMemoryDescription?,
    controllers: [DMAControllerDescription], consumers: [DMAConsumerDescription],
    maximumDMACPUAddress: UInt64?, commandLine: String, treeShape: TreeShape = .empty
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
    self.treeShape = treeShape
  }
}
