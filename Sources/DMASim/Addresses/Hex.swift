/// Deterministic number formatting helpers (the core has no Foundation).
public enum Hex {
  /// Formats `value` as lowercase hexadecimal, zero-padded to at least `digits` digits.
  public static func format(_ value: UInt64, digits: Int = 1) -> String {
    let text = String(value, radix: 16)
    guard text.count < digits else { return text }
    return String(repeating: "0", count: digits - text.count) + text
  }

  /// Formats `value` as `0x…` with the minimum number of digits.
  public static func prefixed(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

  /// Formats a byte as two lowercase hexadecimal digits.
  public static func byte(_ value: UInt8) -> String { format(UInt64(value), digits: 2) }

  /// Formats a size the way the kernel logs it: `128 bytes`, `4 KiB`, `256 MiB`.
  public static func size(_ bytes: UInt64) -> String {
    if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }
}
