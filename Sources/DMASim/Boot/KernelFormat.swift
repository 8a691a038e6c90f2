/// Formatting the way `printk` does for the specifiers boot messages use.
public enum KernelFormat {
  /// `%pa`: `0x` and the address zero-padded to the width of `phys_addr_t`.
  public static func pa(_ value: UInt64, bytes: Int = 8) -> String {
    "0x" + Hex.format(value, digits: bytes * 2)
  }

  /// `%#018Lx`: `0x` and 16 digits.
  public static func hex18(_ value: UInt64) -> String { "0x" + Hex.format(value, digits: 16) }

  /// `%ld` of `size / SZ_1M` (integer MiB, truncated).
  public static func mebibytes(_ size: UInt64) -> String { String(size >> 20) }
}
