/// How long one mapping or allocation lived: from the event that made it to the one that
/// ended it (nil: still live at the end of the trace).
public struct TraceLifetime: Hashable, Sendable {
  /// The device.
  public var device: String
  /// How it was made.
  public var kind: TraceLiveMapping.Kind
  /// The DMA address.
  public var dmaAddress: UInt64
  /// The size in bytes.
  public var size: UInt64
  /// The event that made it.
  public var start: Int
  /// The event that ended it, if the trace has one.
  public var end: Int?
}
