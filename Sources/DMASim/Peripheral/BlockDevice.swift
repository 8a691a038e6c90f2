/// An MMC-like block device's medium: 512-byte blocks behind a data FIFO.
public struct BlockDeviceSpec: Hashable, Sendable {
  /// Bytes per block.
  public var blockSize: Int
  /// Blocks on the medium.
  public var blockCount: Int

  /// Creates a medium description.
  public init(blockSize: Int = 512, blockCount: Int) {
    self.blockSize = blockSize
    self.blockCount = blockCount
  }
}

/// The MMC data commands the host driver sends (include/linux/mmc/mmc.h).
public enum MMCOpcode: Int, Hashable, Sendable, CaseIterable {
  /// `MMC_READ_SINGLE_BLOCK` (CMD17).
  case readSingleBlock = 17
  /// `MMC_READ_MULTIPLE_BLOCK` (CMD18).
  case readMultipleBlock = 18
  /// `MMC_WRITE_BLOCK` (CMD24).
  case writeBlock = 24
  /// `MMC_WRITE_MULTIPLE_BLOCK` (CMD25).
  case writeMultipleBlock = 25

  /// The kernel's constant name.
  public var kernelName: String {
    switch self {
    case .readSingleBlock: "MMC_READ_SINGLE_BLOCK"
    case .readMultipleBlock: "MMC_READ_MULTIPLE_BLOCK"
    case .writeBlock: "MMC_WRITE_BLOCK"
    case .writeMultipleBlock: "MMC_WRITE_MULTIPLE_BLOCK"
    }
  }

  /// Whether the card sends data to the host.
  public var isRead: Bool { self == .readSingleBlock || self == .readMultipleBlock }
}

/// The medium's run-time state: its bytes and the write in progress.
public struct BlockMedium: Hashable, Sendable {
  /// Every byte of the medium (block `n` starts at `n * blockSize`).
  public var bytes: [UInt8]
  /// Where the next byte of a write lands, and how many bytes the write still takes.
  public var writeCursor: Int?
  /// Bytes the current write still takes.
  public var writeRemaining = 0

  /// A fresh medium: block `n` holds the text `blk n ` repeated, so reads are recognisable.
  public init(spec: BlockDeviceSpec) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(spec.blockSize * spec.blockCount)
    for block in 0..<spec.blockCount {
      let label = Array("blk \(block) ".utf8)
      bytes += (0..<spec.blockSize).map { label[$0 % label.count] }
    }
    self.bytes = bytes
  }
}
