/// The `/reserved-memory` node: whether the kernel accepts its format, and its children.
public struct ReservedMemoryDescription: Hashable, Sendable {
  /// `#address-cells` and `#size-cells` equal the root's and `ranges` is present; otherwise
  /// the kernel ignores the whole node ("unsupported node format").
  public var formatSupported: Bool
  /// The children, in tree order.
  public var nodes: [ReservedMemoryNode]

  /// Creates a description.
  public init(formatSupported: Bool, nodes: [ReservedMemoryNode]) {
    self.formatSupported = formatSupported
    self.nodes = nodes
  }
}
