/// The coherency checks only a simulator can make, because they compare the cache with RAM:
/// which cached lines a non-coherent device has rewritten behind the cache's back.
///
/// A line enters the watch when a device write lands in RAM while the cache holds the line.
/// It leaves when the line leaves the cache: silently when it is invalidated or was clean,
/// with a report when a dirty write-back (eviction or `dc cvac`/`dc civac`) puts the CPU's old
/// bytes over the device's. A CPU load that hits a watched line and gets bytes RAM no longer
/// holds is a stale read.
public struct CoherencyWatch: Hashable, Sendable {
  /// A cached line whose RAM a device rewrote.
  public struct StaleLine: Hashable, Sendable {
    /// The step of the (latest) device write under the line.
    public var step: Int
    /// Whether a stale read of it was reported already (once per line is enough).
    public var readReported: Bool
  }

  /// Watched lines by line address (looked up only, never listed in order).
  var lines: [UInt64: StaleLine] = [:]

  /// Creates an empty watch.
  public init() {}

  /// How many cached lines hold data older than RAM's.
  public var staleLineCount: Int { lines.count }

  /// Whether the cached line at `line` is older than RAM.
  public func isStale(_ line: PhysAddr) -> Bool { lines[line.rawValue] != nil }

  /// A device wrote RAM under a cached line.
  mutating func deviceWrote(_ line: PhysAddr, step: Int) {
    lines[line.rawValue] = StaleLine(step: step, readReported: false)
  }

  /// The line left the cache (or was refilled): what was watched, if anything.
  mutating func lineLeft(_ line: PhysAddr) -> StaleLine? {
    lines.removeValue(forKey: line.rawValue)
  }

  /// Marks a stale read reported; returns the watched line if this is the first report.
  mutating func firstStaleRead(_ line: PhysAddr) -> StaleLine? {
    guard var stale = lines[line.rawValue], !stale.readReported else { return nil }
    stale.readReported = true
    lines[line.rawValue] = stale
    return stale
  }
}
