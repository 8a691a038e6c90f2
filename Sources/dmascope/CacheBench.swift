import DMASim
import Foundation

/// `dmascope cachesim --bench`: cache accesses per second on a generated trace.
enum CacheBench {
  /// Accesses generated (untimed) and then run (timed) per chunk, to bound memory.
  static let chunk = 1 << 20

  /// Runs `accesses` SplitMix64-generated accesses through a fresh cache and reports the rate.
  static func run(geometry: CacheGeometry, accesses: Int, seed: UInt64) -> String {
    let (rate, time, statistics) = measure(geometry: geometry, accesses: accesses, seed: seed)
    return """
      cachesim bench: \(accesses) accesses (SplitMix64 seed \(seed)), \
      \(CacheSim.describe(geometry))
      time \(String(format: "%.3f", time)) s: \(String(format: "%.1f", rate / 1e6)) million accesses/s
      \(statistics)
      """
  }

  /// Accesses per second, seconds taken and the statistics JSON.
  static func measure(geometry: CacheGeometry, accesses: Int, seed: UInt64) -> (
    rate: Double, seconds: Double, statistics: String
  ) {
    var cache = DataCache(geometry: geometry)
    var trace = SyntheticTrace(seed: seed, cacheSize: geometry.size)
    let clock = ContinuousClock()
    var elapsed = Duration.zero
    var done = 0
    while done < accesses {
      let batch = trace.next(min(chunk, accesses - done))
      let start = clock.now
      cache.run(batch)
      elapsed += clock.now - start
      done += batch.count
    }
    let (seconds, attoseconds) = elapsed.components
    let time = Double(seconds) + Double(attoseconds) * 1e-18
    let rate = time > 0 ? Double(accesses) / time : 0
    return (rate, time, cache.statistics.jsonText)
  }
}
