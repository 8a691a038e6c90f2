/// A descriptor (`struct dma_async_tx_descriptor`) by the channel it was prepared on and its
/// id (ids count per controller, so the channel and id name it on the whole machine).
public struct DescriptorRef: Hashable, Sendable, Comparable {
  /// The virtual channel that prepared it.
  public var channel: ChannelID
  /// Its id on that controller (`d3` is 3).
  public var id: Int

  /// Names a descriptor.
  public init(channel: ChannelID, id: Int) {
    self.channel = channel
    self.id = id
  }

  /// Orders by channel, then id.
  public static func < (lhs: DescriptorRef, rhs: DescriptorRef) -> Bool {
    (lhs.channel, lhs.id) < (rhs.channel, rhs.id)
  }
}
