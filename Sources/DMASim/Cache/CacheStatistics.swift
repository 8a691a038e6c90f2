/// Access counters of a data cache, in the terms trace-driven cache simulators use.
///
/// An access that spans several lines counts once: it is a hit when every line it touches hits
/// and a miss when any of them misses (Cachegrind's rule). Evictions and write-backs count lines.
public struct CacheStatistics: Hashable, Sendable {
  /// Load accesses.
  public var loads = 0
  /// Store accesses.
  public var stores = 0
  /// Loads whose every line was present.
  public var loadHits = 0
  /// Loads that missed in at least one line.
  public var loadMisses = 0
  /// Stores whose every line was present.
  public var storeHits = 0
  /// Stores that missed in at least one line.
  public var storeMisses = 0
  /// Valid lines replaced to make room for a fill.
  public var evictions = 0
  /// Dirty lines written to memory because they were evicted (maintenance does not count).
  public var writebacks = 0

  /// Creates zeroed counters.
  public init() {}

  /// All accesses.
  public var accesses: Int { loads + stores }

  /// The counters as one JSON object, keys in a fixed order, no spaces.
  public var jsonText: String {
    let fields: [(String, Int)] = [
      ("loads", loads), ("stores", stores), ("load_hits", loadHits), ("load_misses", loadMisses),
      ("store_hits", storeHits), ("store_misses", storeMisses), ("evictions", evictions),
      ("writebacks", writebacks),
    ]
    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }

  /// A readable table: counts with hit and miss percentages.
  public var tableText: String {
    let rows: [(String, Int, Int?)] = [
      ("loads", loads, nil), ("  hits", loadHits, loads), ("  misses", loadMisses, loads),
      ("stores", stores, nil), ("  hits", storeHits, stores), ("  misses", storeMisses, stores),
      ("accesses", accesses, nil), ("  misses", loadMisses + storeMisses, accesses),
      ("evictions", evictions, nil), ("writebacks", writebacks, nil),
    ]
    let width = rows.map { String($0.1).count }.max() ?? 1
    return rows.map { name, value, total in
      let number = String(value)
      let padded =
        name + String(repeating: " ", count: 12 - name.count)
        + String(repeating: " ", count: width - number.count) + number
      guard let total else { return padded }
      return padded + "  " + Self.percent(value, of: total)
    }.joined(separator: "\n")
  }

  /// `part` as a percentage of `whole` with one decimal (`97.3%`), exact integer arithmetic.
  static func percent(_ part: Int, of whole: Int) -> String {
    guard whole > 0 else { return "-" }
    let tenths = (part * 1000 + whole / 2) / whole
    return "\(tenths / 10).\(tenths % 10)%"
  }
}
