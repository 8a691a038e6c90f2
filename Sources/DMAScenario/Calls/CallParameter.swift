/// One parameter of a scenario call: its kernel name, whether it is written `name=value`, what
/// it takes and, for integers, the values it accepts.
public struct CallParameter: Hashable, Sendable {
  /// What an argument must be.
  public enum Kind: String, Hashable, Sendable {
    /// A device by name (`spi0`, `9040000.serial`).
    case device = "a device"
    /// A number or constant expression.
    case integer = "an integer"
    /// A string literal.
    case string = "a string"
    /// Bytes: a string, `bytes(…)`, `[…]` or `fill(…)`.
    case bytes = "bytes"
    /// One kernel constant (`DMA_TO_DEVICE`, `MMC_READ_MULTIPLE_BLOCK`).
    case constant = "a constant"
    /// Flags joined with `|` (`GFP_KERNEL`, `DMA_PREP_INTERRUPT`).
    case flags = "flags"
    /// The name of a variable the call assigns (`handle` of `dma_alloc_coherent`).
    case receiver = "a variable name to assign"
    /// A variable holding a CPU pointer.
    case pointer = "a CPU pointer"
    /// A variable holding a dma_addr_t.
    case dmaHandle = "a dma_addr_t"
    /// A variable holding a channel.
    case channel = "a DMA channel"
    /// A variable holding a descriptor.
    case descriptor = "a descriptor"
    /// A variable holding a cookie.
    case cookie = "a cookie"
    /// A variable holding a scatter-gather table.
    case scatterList = "a scatter-gather table"
    /// A variable holding a dma_interleaved_template.
    case interleavedTemplate = "a dma_interleaved_template"
    /// A variable holding a dma_pool.
    case dmaPool = "a dma_pool"
    /// A variable holding a dma_buf.
    case dmaBuf = "a dma_buf"
    /// A variable holding a dma_buf_attachment.
    case dmaBufAttachment = "a dma_buf_attachment"
    /// A variable holding a struct page *.
    case page = "a struct page *"
  }

  /// The name as the kernel (or README) writes it: `dev`, `DMA_BIT_MASK(n)`.
  public var name: String
  /// Whether the argument is written `name=value` (else by position).
  public var isLabelled: Bool
  /// What the argument must be.
  public var kind: Kind
  /// The values a literal integer argument may take; a literal outside is an error.
  public var bounds: ClosedRange<UInt64>?

  /// A positional parameter.
  static func positional(_ name: String, _ kind: Kind, bounds: ClosedRange<UInt64>? = nil)
    -> CallParameter
  {
    CallParameter(name: name, isLabelled: false, kind: kind, bounds: bounds)
  }

  /// A `name=value` parameter.
  static func labelled(_ name: String, _ kind: Kind) -> CallParameter {
    CallParameter(name: name, isLabelled: true, kind: kind, bounds: nil)
  }

  /// How the signature writes it: `dev`, or `repeat=` for a labelled parameter.
  public var written: String { isLabelled ? name + "=" : name }
}
