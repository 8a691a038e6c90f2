/// The module parameters of drivers/dma/dmatest.c that the simulated run honours.
public struct DmatestOptions: Hashable, Sendable {
  /// A deliberate driver bug, to show what dmatest's verification catches.
  public enum Fault: Hashable, Sendable {
    /// No fault.
    case none
    /// Skip the unmap of the destination: the CPU verifies through stale cache lines.
    case skipDestinationUnmap
  }

  /// `max_channels` (0 = every memcpy channel).
  public var channels = 0
  /// `iterations`.
  public var iterations = 100
  /// `test_buf_size` in bytes.
  public var bufferSize = 16_384
  /// `transfer_size` (0 = random lengths).
  public var transferSize = 0
  /// `norandom`: full-buffer transfers at offset 0.
  public var noRandom = false
  /// `noverify`.
  public var noVerify = false
  /// `verbose`: print a line per passed test too.
  public var verbose = false
  /// Seed for lengths and offsets.
  public var seed: UInt64 = 0
  /// Fault injection (not a dmatest parameter).
  public var fault = Fault.none

  /// The defaults.
  public init() {}
}
