import DMATrace

/// Each device's live mapping count after every event, from the lifetimes, for the timeline.
struct TraceTimeline: Sendable {
  /// Device names in order of first appearance.
  let devices: [String]
  /// `counts[d][i]`: device d's live mappings after event i.
  let counts: [[Int32]]
  /// The highest count per device.
  let peaks: [Int32]
  /// `blockPeaks[d][b]`: the highest count over events `b * block ..< (b + 1) * block`, so a
  /// frame reads a long trace's columns without touching every event.
  let blockPeaks: [[Int32]]
  /// Events per block.
  static let block = 64

  init(analysis: TraceAnalysis) {
    let devices = analysis.devices
    let slot = Dictionary(uniqueKeysWithValues: devices.enumerated().map { ($1, $0) })
    let n = analysis.events.count
    var deltas = Array(repeating: Array(repeating: Int32(0), count: n + 1), count: devices.count)
    for life in analysis.lifetimes {
      guard let d = slot[life.device] else { continue }
      deltas[d][life.start] += 1
      if let end = life.end { deltas[d][end] -= 1 }
    }
    var counts: [[Int32]] = []
    var peaks: [Int32] = []
    for d in 0..<devices.count {
      var running: Int32 = 0
      var row: [Int32] = []
      row.reserveCapacity(n)
      var peak: Int32 = 0
      for i in 0..<n {
        running += deltas[d][i]
        row.append(running)
        peak = max(peak, running)
      }
      counts.append(row)
      peaks.append(peak)
    }
    self.devices = devices
    self.counts = counts
    self.peaks = peaks
    self.blockPeaks = counts.map { row in
      stride(from: 0, to: row.count, by: Self.block).map { start in
        row[start..<min(row.count, start + Self.block)].max() ?? 0
      }
    }
  }

  /// Device d's highest count in each of `width` equal slices of the trace.
  func columns(_ d: Int, width: Int) -> [Int32] {
    let row = counts[d]
    guard width > 0, !row.isEmpty else { return [] }
    var out: [Int32] = []
    out.reserveCapacity(width)
    for column in 0..<width {
      let start = column * row.count / width
      let end = max(start + 1, (column + 1) * row.count / width)
      var peak: Int32 = 0
      var i = start
      let stop = min(end, row.count)
      while i < stop {
        if i % Self.block == 0, i + Self.block <= stop {
          peak = max(peak, blockPeaks[d][i / Self.block])
          i += Self.block
        } else {
          peak = max(peak, row[i])
          i += 1
        }
      }
      out.append(peak)
    }
    return out
  }
}
