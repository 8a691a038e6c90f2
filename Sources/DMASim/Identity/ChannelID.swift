/// A virtual DMA channel (`struct dma_chan`): its controller's index in board order and the
/// channel's index on that controller (`dma0chan1` is controller 0, channel 1).
public struct ChannelID: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The controller, in board order.
  public var controller: Int
  /// The virtual channel on that controller.
  public var channel: Int

  /// Names a channel.
  public init(controller: Int, channel: Int) {
    self.controller = controller
    self.channel = channel
  }

  /// Orders by controller, then channel.
  public static func < (lhs: ChannelID, rhs: ChannelID) -> Bool {
    (lhs.controller, lhs.channel) < (rhs.controller, rhs.channel)
  }

  /// The kernel's channel name (`dma_chan_name`: `dma0chan1`).
  public var description: String { "dma\(controller)chan\(channel)" }
}
