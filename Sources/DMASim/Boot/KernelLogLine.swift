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
