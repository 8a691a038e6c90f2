/// A device's DMA masks as the kernel keeps them: `*dev->dma_mask` (streaming) and
/// `dev->coherent_dma_mask`, with the device's `dma_parms` limits beside them.
public struct DeviceDMAMasks: Hashable, Sendable {
  /// `*dev->dma_mask`.
  public var streaming: UInt64
  /// `dev->coherent_dma_mask`.
  public var coherent: UInt64
  /// `dev->dma_parms`: maximum segment size, segment boundary and minimum alignment mask.
  public var parms = DeviceDMAParameters()
  /// `dev->cma_area`: the reusable `memory-region` the driver attached with
  /// `of_reserved_mem_device_init`, nil until then (and after its release).
  public var cmaArea: String?

  /// Creates masks.
  public init(streaming: UInt64, coherent: UInt64) {
    self.streaming = streaming
    self.coherent = coherent
  }

  /// `DMA_BIT_MASK(n)`: all ones for 64 bits and more, else `(1 << n) - 1`.
  public static func bitMask(_ bits: Int) -> UInt64 {
    bits >= 64 ? .max : bits <= 0 ? 0 : (1 << UInt64(bits)) - 1
  }

  /// `min_not_zero(a, b)`.
  public static func minNotZero(_ first: UInt64, _ second: UInt64) -> UInt64 {
    first == 0 ? second : second == 0 ? first : min(first, second)
  }
}
