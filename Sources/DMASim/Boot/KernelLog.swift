/// A `printk` record: a log level and the text with its `pr_fmt` prefix.
public struct KernelLogLine: Hashable, Sendable, CustomStringConvertible {
  /// Kernel log levels (`KERN_ERR` is 3, `KERN_DEBUG` is 7).
  public enum Level: Int, Hashable, Sendable, Comparable {
    /// `KERN_ERR` (`pr_err`).
    case error = 3
    /// `KERN_WARNING` (`pr_warn`).
    case warning = 4
    /// `KERN_NOTICE` (`pr_notice`).
    case notice = 5
    /// `KERN_INFO` (`pr_info`).
    case info = 6
    /// `KERN_DEBUG` (`pr_debug`, shown only with dynamic debug).
    case debug = 7

    /// Orders by severity number.
    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// The level.
  public var level: Level
  /// The text, prefix included, without a trailing newline.
  public var text: String

  /// Creates a line.
  public init(_ level: Level, _ text: String) {
    self.level = level
    self.text = text
  }

  /// The text.
  public var description: String { text }
}

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
