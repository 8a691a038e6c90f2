/// `struct dma_interleaved_template`: `numf` frames of `frame_size` chunks, each chunk followed
/// by an inter-chunk gap on the sides that increment.
public struct InterleavedTemplate: Hashable, Sendable {
  /// `struct data_chunk`.
  public struct DataChunk: Hashable, Sendable {
    /// `size`: bytes of the chunk.
    public var size: UInt64
    /// `icg`: the gap after it, on sides whose `*_sgl` is set.
    public var icg: UInt64
    /// `dst_icg`: the destination gap (overrides `icg`).
    public var dstICG: UInt64
    /// `src_icg`: the source gap (overrides `icg`).
    public var srcICG: UInt64

    /// Creates a chunk.
    public init(size: UInt64, icg: UInt64 = 0, dstICG: UInt64 = 0, srcICG: UInt64 = 0) {
      self.size = size
      self.icg = icg
      self.dstICG = dstICG
      self.srcICG = srcICG
    }
  }

  /// `src_start` (a `dma_addr_t` variable; nil for `DMA_DEV_TO_MEM`, where the FIFO is the
  /// source).
  public var srcStart: Operand?
  /// `dst_start` (nil for `DMA_MEM_TO_DEV`).
  public var dstStart: Operand?
  /// `dir`.
  public var direction: DMATransferDirection
  /// `src_inc`.
  public var srcInc: Bool
  /// `dst_inc`.
  public var dstInc: Bool
  /// `src_sgl`: the common `icg` applies to the source.
  public var srcSGL: Bool
  /// `dst_sgl`: the common `icg` applies to the destination.
  public var dstSGL: Bool
  /// `numf`: frames.
  public var numf: UInt64
  /// `frame_size`: chunks per frame.
  public var frameSize: Int
  /// `sgl[]`: the chunks of one frame.
  public var chunks: [DataChunk]

  /// Creates a template with no chunks yet.
  public init(
    srcStart: Operand?, dstStart: Operand?, direction: DMATransferDirection, srcInc: Bool,
    dstInc: Bool, srcSGL: Bool, dstSGL: Bool, numf: UInt64, frameSize: Int
  ) {
    self.srcStart = srcStart
    self.dstStart = dstStart
    self.direction = direction
    self.srcInc = srcInc
    self.dstInc = dstInc
    self.srcSGL = srcSGL
    self.dstSGL = dstSGL
    self.numf = numf
    self.frameSize = frameSize
    self.chunks = []
  }

  /// `dmaengine_get_icg`: no gap on a side that does not increment; else the side's own gap
  /// if set; else the common `icg` if the side's `*_sgl` is set; else none.
  static func icg(increments: Bool, sgl: Bool, icg: UInt64, sideICG: UInt64) -> UInt64 {
    guard increments else { return 0 }
    if sideICG != 0 { return sideICG }
    return sgl ? icg : 0
  }

  /// `dmaengine_get_src_icg`.
  public func srcGap(_ chunk: DataChunk) -> UInt64 {
    Self.icg(increments: srcInc, sgl: srcSGL, icg: chunk.icg, sideICG: chunk.srcICG)
  }

  /// `dmaengine_get_dst_icg`.
  public func dstGap(_ chunk: DataChunk) -> UInt64 {
    Self.icg(increments: dstInc, sgl: dstSGL, icg: chunk.icg, sideICG: chunk.dstICG)
  }

  /// Bytes the whole transfer moves (`UInt64.max` when that overflows).
  public var length: UInt64 {
    let frame = chunks.prefix(frameSize).reduce(UInt64(0)) { $0 &+ $1.size }
    let (total, overflow) = numf.multipliedReportingOverflow(by: frame)
    return overflow ? .max : total
  }

  /// The contiguous pieces the whole transfer has on one side: `numf` times the frame's
  /// non-empty chunks (`UInt64.max` when that overflows).
  public var pieceCount: UInt64 {
    let perFrame = UInt64(chunks.prefix(frameSize).filter { $0.size > 0 }.count)
    let (total, overflow) = numf.multipliedReportingOverflow(by: perFrame)
    return overflow ? .max : total
  }

  /// The contiguous pieces on one side, frame by frame and chunk by chunk, from `start`.
  /// A side that does not increment keeps its address (every piece starts at `start`).
  public func pieces(from start: DMAAddr, source: Bool) -> [Descriptor.Segment] {
    var pieces: [Descriptor.Segment] = []
    var address = start.rawValue
    let increments = source ? srcInc : dstInc
    for _ in 0..<numf {
      for chunk in chunks.prefix(frameSize) where chunk.size > 0 {
        pieces.append(Descriptor.Segment(address: DMAAddr(address), length: chunk.size))
        if increments { address &+= chunk.size + (source ? srcGap(chunk) : dstGap(chunk)) }
      }
    }
    return pieces
  }

  /// The template as a C initialiser, for the log.
  public var text: String {
    let chunkText = chunks.map {
      "{ .size = \($0.size), .icg = \($0.icg), .dst_icg = \($0.dstICG), .src_icg = \($0.srcICG) }"
    }
    return ".dir = \(direction.kernelName), .src_inc = \(srcInc), .dst_inc = \(dstInc), "
      + ".src_sgl = \(srcSGL), .dst_sgl = \(dstSGL), .numf = \(numf), "
      + ".frame_size = \(frameSize), .sgl = { \(chunkText.joined(separator: ", ")) }"
  }
}
