/// `io_page_fault`: `IOMMU:DRIVER DEVICE iova=... flags=...`.
public struct TraceIOMMUFault: Hashable, Sendable {
  /// `dev_driver_string(dev)`.
  public var driver: String
  /// `dev_name(dev)`.
  public var device: String
  /// `iova`.
  public var iova: UInt64
  /// `flags`.
  public var flags: UInt64

  /// Creates the event.
  public init(driver: String, device: String, iova: UInt64, flags: UInt64) {
    self.driver = driver
    self.device = device
    self.iova = iova
    self.flags = flags
  }
}
