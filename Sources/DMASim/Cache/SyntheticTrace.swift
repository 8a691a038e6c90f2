/// A deterministic trace for benchmarks: a mix of loads and stores over a hot, a warm and a cold
/// region, with sizes 1 to 16 bytes at any alignment (so some accesses cross a line).
public struct SyntheticTrace: Hashable, Sendable {
  /// The random source.
  public private(set) var random: SplitMix64
  /// Bytes that mostly hit (half the cache).
  public let hotBytes: UInt64
  /// Bytes that partly hit (twice the cache).
  public let warmBytes: UInt64
  /// Bytes that mostly miss (16 MiB).
  public let coldBytes: UInt64 = 16 << 20

  /// Creates a generator for a cache of `cacheSize` bytes.
  public init(seed: UInt64, cacheSize: Int) {
    random = SplitMix64(seed: seed)
    hotBytes = UInt64(max(64, cacheSize / 2))
    warmBytes = UInt64(max(128, cacheSize * 2))
  }

  /// The next `count` accesses: 60 % hot, 30 % warm, 10 % cold; 30 % stores.
  public mutating func next(_ count: Int) -> [TraceAccess] {
    var accesses: [TraceAccess] = []
    accesses.reserveCapacity(count)
    for _ in 0..<count {
      let bits = random.next()
      let region = bits % 10
      let base: UInt64
      let span: UInt64
      switch region {
      case 0..<6: (base, span) = (0x4000_0000, hotBytes)
      case 6..<9: (base, span) = (0x4800_0000, warmBytes)
      default: (base, span) = (0x5000_0000, coldBytes)
      }
      let kind: TraceAccess.Kind = (bits >> 8) % 10 < 3 ? .store : .load
      let size = UInt32(1) << UInt32((bits >> 16) % 5)
      let address = base + (bits >> 24) % span
      accesses.append(TraceAccess(kind, address: address, size: size))
    }
    return accesses
  }
}
