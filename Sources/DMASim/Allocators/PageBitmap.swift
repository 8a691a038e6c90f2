/// A fixed-size bitmap stored as 64-bit words (bit `i` is bit `i % 64` of word `i / 64`), with
/// the lib/bitmap.c searches the kernel's allocators use. A 1 GiB CMA area at one bit per
/// 4 KiB page is 262144 bits: 4096 words.
public struct PageBitmap: Hashable, Sendable {
  /// Number of bits.
  public let count: Int
  /// The words.
  public private(set) var words: [UInt64]

  /// All bits clear.
  public init(count: Int) {
    self.count = max(count, 0)
    words = [UInt64](repeating: 0, count: (self.count + 63) / 64)
  }

  /// Whether bit `index` is set.
  public func test(_ index: Int) -> Bool {
    guard index >= 0, index < count else { return false }
    return words[index >> 6] & (1 << UInt64(index & 63)) != 0
  }

  /// `bitmap_set(map, start, length)`.
  public mutating func set(_ start: Int, length: Int) { fill(start, length, true) }

  /// `bitmap_clear(map, start, length)`.
  public mutating func clear(_ start: Int, length: Int) { fill(start, length, false) }

  private mutating func fill(_ start: Int, _ length: Int, _ value: Bool) {
    var index = max(start, 0)
    let end = min(start + length, count)
    while index < end {
      let bit = index & 63
      let span = min(64 - bit, end - index)
      let mask: UInt64 = span == 64 ? UInt64.max : ((1 << UInt64(span)) - 1) << UInt64(bit)
      if value { words[index >> 6] |= mask } else { words[index >> 6] &= ~mask }
      index += span
    }
  }

  /// `find_next_bit` / `find_next_zero_bit`: the first index at or after `start` whose bit
  /// equals `value`, or `size` when there is none below `size`.
  public func next(_ value: Bool, from start: Int, size: Int? = nil) -> Int {
    let limit = min(size ?? count, count)
    var index = max(start, 0)
    while index < limit {
      var word = words[index >> 6]
      if !value { word = ~word }
      word &= UInt64.max << UInt64(index & 63)
      if word != 0 {
        let found = (index & ~63) + word.trailingZeroBitCount
        return min(found, limit)
      }
      index = (index & ~63) + 64
    }
    return limit
  }

  /// `bitmap_find_next_zero_area_off(map, size, start, nr, align_mask, align_offset)`: the
  /// first index at or after `start` such that `(index + offset)` is a multiple of
  /// `mask + 1` and bits `[index, index + nr)` are all clear; a value greater than `size`
  /// when there is none.
  public func findNextZeroArea(
    size: Int, start: Int, count nr: Int, alignMask mask: Int, alignOffset offset: Int
  ) -> Int {
    var from = start
    while true {
      var index = next(false, from: from, size: size)
      // __ALIGN_MASK(index + offset, mask) - offset
      index = ((index + offset + mask) & ~mask) - offset
      let end = index + nr
      if end > size { return end }
      let setBit = next(true, from: index, size: end)
      if setBit < end {
        from = setBit + 1
        continue
      }
      return index
    }
  }

  /// Number of set bits.
  public var population: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

  /// Runs of clear bits as (start, end) pairs, ascending (`for_each_clear_bitrange`).
  public func clearRuns() -> [(start: Int, end: Int)] {
    var result: [(start: Int, end: Int)] = []
    var index = next(false, from: 0)
    while index < count {
      let end = next(true, from: index)
      result.append((index, end))
      index = next(false, from: end)
    }
    return result
  }

  /// The longest run of clear bits.
  public var longestClearRun: Int { clearRuns().map { $0.end - $0.start }.max() ?? 0 }
}
