/// The fields of a coherent allocation or free (classes `dma_alloc_class`, `dma_free_class`).
public struct TraceAllocation: Hashable, Sendable {
  /// `dev_name(dev)`.
  public var device: String
  /// The direction (`BIDIRECTIONAL` for `dma_alloc_coherent`); nil on 6.10/6.11, whose
  /// format had no `dir=`.
  public var direction: TraceDirection?
  /// `dma_addr`.
  public var dmaAddress: UInt64
  /// `size`.
  public var size: UInt64
  /// `virt_addr` as `%p` prints it: a hashed pointer (not the address) unless the kernel ran
  /// with `no_hash_pointers`; all zeros for NULL (a failed allocation). Empty in the 6.10
  /// format, which printed `phys_addr` instead.
  public var virtualPointer: String
  /// `phys_addr` (`virt_to_phys` of the CPU address): the 6.10 format, before "dma-mapping:
  /// Fix tracing dma_alloc/free with vmalloc'd memory" (October 2024) traced `virt_addr`.
  public var physical: UInt64?
  /// `flags` (allocations only): the gfp flags as `show_gfp_flags` prints them.
  public var gfpFlags: [String]
  /// `attrs`.
  public var attributes: [String]
  /// Whether this is `dma_alloc_sgt_err` (an allocation that failed).
  public var failed: Bool

  /// Creates the fields.
  public init(
    device: String, direction: TraceDirection?, dmaAddress: UInt64, size: UInt64,
    virtualPointer: String, physical: UInt64? = nil, gfpFlags: [String] = [],
    attributes: [String] = [], failed: Bool = false
  ) {
    self.device = device
    self.direction = direction
    self.dmaAddress = dmaAddress
    self.size = size
    self.virtualPointer = virtualPointer
    self.physical = physical
    self.gfpFlags = gfpFlags
    self.attributes = attributes
    self.failed = failed
  }

  /// Whether `virt_addr` is NULL (`%p` of NULL prints zeros; some kernels print `(null)`).
  public var virtualIsNull: Bool {
    virtualPointer == "(null)"
      || (!virtualPointer.isEmpty && virtualPointer.allSatisfy { $0 == "0" })
  }
}
