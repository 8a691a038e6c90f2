/// Where boot placed the default swiotlb pool.
public struct SwiotlbPlacement: Hashable, Sendable {
  /// Physical address of slot 0.
  public var base: UInt64
  /// Slots (`nslabs`).
  public var slots: Int
  /// Areas.
  public var areas: Int
  /// `swiotlb=force`: every streaming mapping bounces.
  public var forceBounce: Bool

  /// Size in bytes.
  public var size: UInt64 { UInt64(slots) << 11 }

  /// An empty pool at this placement.
  public func makePool() -> SwiotlbPool {
    SwiotlbPool(start: base, slotCount: slots, areaCount: areas)
  }
}
