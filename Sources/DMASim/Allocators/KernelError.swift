/// The errno values the simulated allocators return.
public enum KernelError: Int, Error, Hashable, Sendable, CustomStringConvertible {
  /// `-ENOMEM` (12).
  case noMemory = 12
  /// `-EBUSY` (16).
  case busy = 16
  /// `-EINVAL` (22).
  case invalid = 22
  /// `-ENOSPC` (28).
  case noSpace = 28
  /// `-ENOENT` (2).
  case noEntry = 2

  /// The negative value a kernel function returns (`-16`).
  public var returnValue: Int { -rawValue }

  /// `-EBUSY` style name.
  public var description: String {
    switch self {
    case .noMemory: return "-ENOMEM"
    case .busy: return "-EBUSY"
    case .invalid: return "-EINVAL"
    case .noSpace: return "-ENOSPC"
    case .noEntry: return "-ENOENT"
    }
  }
}
