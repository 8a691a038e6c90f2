/// A device as dma-debug names it in reports: `dev_driver_string()` and `dev_name()`.
public struct DMADebugDevice: Hashable, Sendable {
  /// The kernel's `dev_name()` (`9060000.spi`); entries match on it.
  public var name: String
  /// The bound driver's name (`ssp-pl022`).
  public var driver: String

  /// Creates a device identity.
  public init(name: String, driver: String) {
    self.name = name
    self.driver = driver
  }
}

/// One tracked mapping: kernel/dma/debug.c's `struct dma_debug_entry`.
public struct DMADebugEntry: Hashable, Sendable {
  /// How the memory was mapped (`type2name[]`).
  public enum EntryType: Int, Hashable, Sendable {
    /// `dma_map_single` / `dma_map_page` / `dma_alloc_pages`.
    case single
    /// `dma_map_sg`, one entry per mapped segment.
    case scatterGather
    /// `dma_alloc_coherent`.
    case coherent
    /// `dma_map_resource`.
    case resource

    /// The kernel's name for the type.
    public var kernelName: String {
      switch self {
      case .single: "single"
      // The kernel's type2name[] really says "scather-gather".
      case .scatterGather: "scather-gather"
      case .coherent: "coherent"
      case .resource: "resource"
      }
    }
  }

  /// Whether `dma_mapping_error()` was called on the address (`maperr2str[]`).
  public enum MapErrorState: Hashable, Sendable {
    /// Coherent and scatter-gather entries: the check does not apply.
    case notApplicable
    /// A single or resource mapping nobody checked yet.
    case notChecked
    /// `dma_mapping_error()` was called.
    case checked

    /// The text of debugfs `dump`.
    public var kernelText: String {
      switch self {
      case .notApplicable: "dma map error check not applicable"
      case .notChecked: "dma map error not checked"
      case .checked: "dma map error checked"
      }
    }
  }

  /// The caller's identity for the mapping (the simulator's mapping id).
  public var id: Int
  /// The device it was mapped for.
  public var device: DMADebugDevice
  /// The address handed to the device.
  public var dmaAddress: DMAAddr
  /// Length in bytes.
  public var size: UInt64
  /// How it was mapped.
  public var type: EntryType
  /// Direction (`DMA_BIDIRECTIONAL` for coherent memory).
  public var direction: DMADataDirection
  /// `nents` given to `dma_map_sg` (0 otherwise).
  public var sgCallEntries: Int
  /// Segments `dma_map_sg` mapped (0 otherwise).
  public var sgMappedEntries: Int
  /// The physical address mapped.
  public var physical: PhysAddr
  /// The map-error check state.
  public var mapErrorState: MapErrorState
  /// The step that made the mapping (the simulator's stand-in for the saved stack trace).
  public var mappedAtStep: Int

  /// Creates an entry.
  public init(
    id: Int, device: DMADebugDevice, dmaAddress: DMAAddr, size: UInt64, type: EntryType,
    direction: DMADataDirection, sgCallEntries: Int = 0, sgMappedEntries: Int = 0,
    physical: PhysAddr, mapErrorState: MapErrorState, mappedAtStep: Int = 0
  ) {
    self.id = id
    self.device = device
    self.dmaAddress = dmaAddress
    self.size = size
    self.type = type
    self.direction = direction
    self.sgCallEntries = sgCallEntries
    self.sgMappedEntries = sgMappedEntries
    self.physical = physical
    self.mapErrorState = mapErrorState
    self.mappedAtStep = mappedAtStep
  }
}
