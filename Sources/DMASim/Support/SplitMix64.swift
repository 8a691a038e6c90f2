/// SplitMix64 (Steele, Lea and Flood): a tiny, fast, seeded pseudo-random generator. The same
/// seed always gives the same sequence, so generated traces are reproducible.
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
  /// The generator's state.
  public private(set) var state: UInt64

  /// Creates a generator from a seed.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z &>> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z &>> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z &>> 31)
  }
}
