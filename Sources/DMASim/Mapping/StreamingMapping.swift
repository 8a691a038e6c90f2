/// A live streaming DMA mapping (what dma-debug keeps as a `dma_debug_entry`).
public struct StreamingMapping: Hashable, Sendable, Identifiable {
  /// Who may touch the buffer right now.
  public enum Owner: Hashable, Sendable {
    /// The CPU owns it (after map for nothing, after `sync_for_cpu` or before map).
    case cpu
    /// The device owns it: the CPU must not touch it.
    case device
  }

  /// How the mapping was made (dma-debug's "mapped as").
  public enum Kind: String, Hashable, Sendable {
    /// `dma_map_single` / `dma_map_page`.
    case single
    /// `dma_map_sg`.
    case scatterGather = "scatter-gather"
    /// `dma_alloc_coherent`.
    case coherent
  }

  /// A stable identity.
  public var id: Int
  /// The device it was mapped for.
  public var device: String
  /// The handle given to the device.
  public var handle: DMAAddr
  /// The CPU address mapped.
  public var virtualAddress: VirtAddr
  /// The physical address mapped.
  public var physical: PhysAddr
  /// Size in bytes.
  public var size: UInt64
  /// Direction.
  public var direction: DMADataDirection
  /// Mapping kind.
  public var kind: Kind
  /// Current owner.
  public var owner: Owner
  /// Whether `dma_mapping_error` was called on the handle.
  public var errorChecked: Bool
  /// The step that made the mapping.
  public var mappedAtStep: Int

  /// Whether a physical range overlaps the mapping.
  public func overlaps(_ address: PhysAddr, count: UInt64) -> Bool {
    address.rawValue < physical.rawValue + size && physical.rawValue < address.rawValue + count
  }
}
