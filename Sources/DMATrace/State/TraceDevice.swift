/// What a trace tells about one device.
public struct TraceDevice: Hashable, Sendable {
  /// `dev_name`.
  public var name: String
  /// The IOMMU group (`add_device_to_group`), if traced.
  public var group: Int?
  /// Whether it left its group (`remove_device_from_group`): released.
  public var removed: Bool = false
  /// Its first event.
  public var firstEventIndex: Int
}
