/// `swiotlb_bounced` (include/trace/events/swiotlb.h): a streaming map that goes through a
/// bounce slot, traced before the slot is taken.
public struct TraceBounce: Hashable, Sendable {
  /// `dev_name`.
  public var device: String
  /// `dma_mask`.
  public var dmaMask: UInt64
  /// `dev_addr`: the original buffer's DMA address (the buffer the slot stands in for).
  public var deviceAddress: UInt64
  /// `size`.
  public var size: UInt64
  /// `FORCE` (swiotlb=force) rather than `NORMAL`.
  public var forced: Bool

  /// Creates the event.
  public init(device: String, dmaMask: UInt64, deviceAddress: UInt64, size: UInt64, forced: Bool) {
    self.device = device
    self.dmaMask = dmaMask
    self.deviceAddress = deviceAddress
    self.size = size
    self.forced = forced
  }
}
