/// A live kernel allocation the scenario made (a `kmalloc` object, for now).
public struct Allocation: Hashable, Sendable, Identifiable {
  /// A stable identity.
  public var id: Int
  /// The scenario variable that holds it (`buf`), or a generated name.
  public var name: String
  /// Which allocator produced it (`kmalloc-128`).
  public var allocator: String
  /// The CPU address returned.
  public var virtualAddress: VirtAddr
  /// Its physical address.
  public var physical: PhysAddr
  /// Bytes requested.
  public var size: UInt64
  /// Bytes actually reserved (the slab object size).
  public var reservedSize: UInt64
  /// The step that made it.
  public var allocatedAtStep: Int
  /// The CMA area its pages came from, if any.
  public var cmaArea: String? = nil
}
