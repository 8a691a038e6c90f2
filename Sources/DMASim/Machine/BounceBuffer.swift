/// One live swiotlb bounce buffer: the slots standing in for a buffer the device cannot
/// reach (`io_tlb_slot.orig_addr`, `alloc_size`).
public struct BounceBuffer: Hashable, Sendable {
  /// The device (board name).
  public var device: String
  /// The original buffer's physical address.
  public var original: PhysAddr
  /// The bounce buffer's physical address (inside the swiotlb pool).
  public var bounce: PhysAddr
  /// Bytes mapped.
  public var size: UInt64

  /// Creates a record.
  public init(device: String, original: PhysAddr, bounce: PhysAddr, size: UInt64) {
    self.device = device
    self.original = original
    self.bounce = bounce
    self.size = size
  }

  /// Whether `address` (a physical address) lies inside the bounce buffer.
  public func contains(bounceAddress address: PhysAddr, count: UInt64) -> Bool {
    address.rawValue >= bounce.rawValue
      && address.rawValue &+ count <= bounce.rawValue &+ max(size, 1)
  }
}
