/// The kernel's `memparse`: a number in C notation (`0x` hex, leading `0` octal, else
/// decimal, as `simple_strtoull(ptr, &end, 0)`) optionally followed by one of the suffixes
/// K, M, G, T, P, E (either case), each a power of 1024.
public enum MemParse {
  /// The result of parsing a prefix of a string.
  public struct Result: Hashable, Sendable {
    /// The value.
    public var value: UInt64
    /// How many characters (UTF-8 bytes) were consumed.
    public var consumed: Int
    /// Whether the digits or the suffix shift overflowed 64 bits (the kernel wraps silently).
    public var overflowed: Bool
  }

  /// Parses a prefix of `text` the way `memparse` does. Zero characters consumed means no
  /// number was found (the kernel then returns 0).
  public static func parse(_ text: Substring) -> Result {
    var result = parseNumber(text)
    let bytes = Array(text.utf8)
    guard result.consumed > 0 else { return result }
    if result.consumed < bytes.count, let shift = suffixShift(bytes[result.consumed]) {
      if result.value != 0, result.value.leadingZeroBitCount < shift { result.overflowed = true }
      result.value = shift >= 64 ? 0 : result.value << UInt64(shift)
      result.consumed += 1
    }
    return result
  }

  /// `simple_strtoull(ptr, &end, 0)` on a prefix of `text`: C notation, no suffix.
  public static func parseNumber(_ text: Substring) -> Result {
    let bytes = Array(text.utf8)
    var index = 0
    var radix: UInt64 = 10
    if bytes.count >= 2, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x"),
      bytes.count > 2, hexDigit(bytes[2]) != nil
    {
      radix = 16
      index = 2
    } else if bytes.first == UInt8(ascii: "0") {
      radix = 8
    }
    var value: UInt64 = 0
    var overflowed = false
    let digitsStart = index
    while index < bytes.count, let digit = hexDigit(bytes[index]), digit < radix {
      let (times, overflowA) = value.multipliedReportingOverflow(by: radix)
      let (sum, overflowB) = times.addingReportingOverflow(digit)
      overflowed = overflowed || overflowA || overflowB
      value = sum
      index += 1
    }
    guard index > digitsStart else { return Result(value: 0, consumed: 0, overflowed: false) }
    return Result(value: value, consumed: index, overflowed: overflowed)
  }

  private static func hexDigit(_ byte: UInt8) -> UInt64? {
    if (0x30...0x39).contains(byte) { return UInt64(byte - 0x30) }
    let lower = byte | 0x20
    if (0x61...0x66).contains(lower) { return UInt64(lower - 0x61 + 10) }
    return nil
  }

  private static func suffixShift(_ byte: UInt8) -> Int? {
    switch byte | 0x20 {
    case UInt8(ascii: "k"): return 10
    case UInt8(ascii: "m"): return 20
    case UInt8(ascii: "g"): return 30
    case UInt8(ascii: "t"): return 40
    case UInt8(ascii: "p"): return 50
    case UInt8(ascii: "e"): return 60
    default: return nil
    }
  }
}
