/// The dmaengine subsystem's hardware and provider state: the DMA controllers (their physical
/// channels, virtual channels and descriptors) and each LLI controller driver's `dma_pool`.
public struct DMAEngine: Hashable, Sendable {
  /// DMA controllers, in board order.
  public internal(set) var controllers: [DMAController]
  /// Each LLI controller driver's `dma_pool` of linked-list items (grown on first use).
  public internal(set) var lliPools: [LLIPool] = []

  /// An engine over these controllers.
  public init(controllers: [DMAController]) {
    self.controllers = controllers
  }

  /// The subjects of an event about descriptors of one channel: the channel, then each
  /// descriptor.
  static func txdSubjects(_ controller: Int, _ channel: Int, _ ids: [Int]) -> [LogSubject] {
    let id = ChannelID(controller: controller, channel: channel)
    return [.channel(id)] + ids.map { .descriptor(DescriptorRef(channel: id, id: $0)) }
  }
}
