/// An IOVA range the IOMMU maps (an iommu `map` event), with the device whose mapping claimed
/// it when the trace lets us tell.
public struct TraceIOVARange: Hashable, Sendable {
  /// The IOVA.
  public var iova: UInt64
  /// The physical address it translates to.
  public var physical: UInt64
  /// The size in bytes.
  public var size: UInt64
  /// The event that mapped it.
  public var eventIndex: Int
  /// Its line in the trace file.
  public var line: Int
}
