import DMASim

extension Lowerer {
  /// `&handle` passed to a call is the variable itself: the scenario's calls take the names
  /// the kernel passes by address (`dma_alloc_coherent(dev, size, &handle, gfp)`).
  static func withoutAddressOf(_ argument: Argument) -> Argument {
    guard case .unary(.addressOf, let operand) = argument.value.kind else { return argument }
    return Argument(label: argument.label, value: operand, range: argument.range)
  }
}
