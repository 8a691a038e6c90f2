/// Hexadecimal the way the kernel prints addresses.
public enum TraceHex {
  /// `0x%016llx` (dma-debug's device addresses).
  public static func padded(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 16 - digits.count)) + digits
  }

  /// `%llx` with a `0x`: the shortest form.
  public static func short(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
}
