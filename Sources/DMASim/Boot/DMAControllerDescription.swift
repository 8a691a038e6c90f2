/// A DMA controller: a node with `#dma-cells`.
public struct DMAControllerDescription: Hashable, Sendable {
  /// The node's path.
  public var node: String
  /// The first `compatible` string.
  public var compatible: String
  /// `#dma-cells`.
  public var dmaCells: Int
  /// `dma-channels` (0 when absent).
  public var channels: Int
  /// `dma-requests` (0 when absent).
  public var requests: Int

  /// Creates a controller description.
  public init(node: String, compatible: String, dmaCells: Int, channels: Int, requests: Int) {
    self.node = node
    self.compatible = compatible
    self.dmaCells = dmaCells
    self.channels = channels
    self.requests = requests
  }
}
