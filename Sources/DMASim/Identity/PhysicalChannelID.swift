/// A hardware channel of a DMA controller: the controller's index and the channel number.
public struct PhysicalChannelID: Hashable, Sendable, Comparable {
  /// The controller, in board order.
  public var controller: Int
  /// The hardware channel on that controller.
  public var physical: Int

  /// Names a hardware channel.
  public init(controller: Int, physical: Int) {
    self.controller = controller
    self.physical = physical
  }

  /// Orders by controller, then channel.
  public static func < (lhs: PhysicalChannelID, rhs: PhysicalChannelID) -> Bool {
    (lhs.controller, lhs.physical) < (rhs.controller, rhs.physical)
  }
}
