/// A DMA controller (`struct dma_device`) with its physical and virtual channels.
public struct DMAController: Hashable, Sendable {
  /// Controller name (`dma0`).
  public var name: String
  /// Device-tree compatible string.
  public var compatible: String
  /// What it can do.
  public var capabilities: DMACapabilities
  /// The hardware channels.
  public var physicalChannels: [PhysicalChannel]
  /// The virt-dma channels clients request.
  public var virtualChannels: [VirtualChannel]
  /// Virtual channels waiting for a physical channel, longest-waiting first (the arbiter's
  /// queue: a physical channel that frees up takes the head).
  public var waiting: [Int] = []
  /// The next descriptor id to hand out.
  var nextDescriptorID = 1

  /// Creates a controller from its board description.
  public init(spec: ControllerSpec, index: Int) {
    name = spec.name
    compatible = spec.compatible
    capabilities = spec.capabilities
    physicalChannels = (0..<spec.physicalChannels).map { PhysicalChannel(index: $0) }
    virtualChannels = spec.requestLines.enumerated().map { offset, line in
      VirtualChannel(name: "dma\(index)chan\(offset)", requestLine: line)
    }
    for offset in 0..<spec.memcpyChannels {
      let number = spec.requestLines.count + offset
      virtualChannels.append(VirtualChannel(name: "dma\(index)chan\(number)", requestLine: nil))
    }
  }

  /// The virtual channel serving a request line.
  public func virtualChannel(forRequest line: Int) -> Int? {
    virtualChannels.firstIndex { $0.requestLine == line }
  }
}
