import DMATrace
import DMATraceUI
import Foundation
import TermCanvas

/// `dmascope bench --trace`: a 100,000-event trace made by repeating a real one (each copy's
/// timestamps shifted past the last), loaded, stepped and drawn.
enum TraceBench {
  /// The real trace repeated.
  static let defaultFixture = "Tests/trace/fixtures/boot-blk-smmu.trace"
  /// Events in the generated trace.
  static let eventCount = 100_000

  /// The event lines of `text` repeated, timestamps shifted, until `count` lines; with the
  /// real header first.
  static func generate(from text: String, count: Int) -> [String] {
    let lines = text.split(separator: "\n").map(String.init)
    let header = lines.filter { $0.hasPrefix("#") }
    let events = lines.filter { !$0.hasPrefix("#") && !$0.isEmpty }
    guard !events.isEmpty else { return header }
    var out = header
    out.reserveCapacity(count + header.count)
    var copy = 0
    while out.count - header.count < count {
      for line in events where out.count - header.count < count {
        out.append(copy == 0 ? line : shifted(line, seconds: copy * 10))
      }
      copy += 1
    }
    return out
  }

  /// The line with `seconds` added to its `SECS.MICROS:` timestamp.
  static func shifted(_ line: String, seconds: Int) -> String {
    guard let close = line.firstIndex(of: "]") else { return line }
    let rest = line[line.index(after: close)...]
    guard let colon = rest.range(of: ": ") else { return line }
    let context = rest[rest.startIndex..<colon.lowerBound]
    let words = context.split(separator: " ")
    guard let stamp = words.last, let dot = stamp.firstIndex(of: "."),
      let whole = Int(stamp[stamp.startIndex..<dot])
    else { return line }
    let moved = "\(whole + seconds)" + stamp[dot...]
    let head = line[line.startIndex...close] + context.dropLast(stamp.count)
    return head + moved + line[colon.lowerBound...]
  }

  static func rows(fixture: String, events: Int = eventCount) throws -> [BenchRow] {
    let text = try FileReader.read(fixture, limit: 16 << 20)
    let lines = generate(from: text, count: events)
    let clock = ContinuousClock()
    let start = clock.now
    var reader = TraceReader(fileName: "bench.trace")
    for (number, line) in lines.enumerated() {
      reader.read(Array(line.utf8)[...], number: number + 1)
    }
    let parsed = clock.now
    let analysis = TraceAnalysis(events: reader.events)
    let analysed = clock.now
    var viewer = TraceViewer(
      analysis: analysis, fileName: "bench.trace", size: Size(width: 120, height: 40),
      theme: .default, glyphs: .unicode)
    let opened = clock.now
    // Step through the whole trace, a frame after every 100th step; then back from the end.
    var worstStepFrame = Duration.zero
    var frames = 0
    for step in 0..<analysis.events.count {
      let before = clock.now
      _ = viewer.handle(.character("s"))
      if step % 100 == 0 {
        _ = viewer.view()
        frames += 1
        worstStepFrame = max(worstStepFrame, clock.now - before)
      }
    }
    let stepped = clock.now
    var worstBack = Duration.zero
    for _ in 0..<200 {
      let before = clock.now
      _ = viewer.handle(.character("S"))
      _ = viewer.view()
      worstBack = max(worstBack, clock.now - before)
    }
    func ms(_ d: Duration) -> Double {
      Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
    let loadMs = ms(analysed - start) + ms(opened - analysed)
    let stepMicros = ms(stepped - opened) * 1000 / Double(max(1, analysis.events.count))
    return [
      BenchRow(
        figure: "trace: load \(reader.events.count) events (parse, analyse, open)",
        value: String(
          format: "%.0f ms (%.0f + %.0f + %.0f)", loadMs, ms(parsed - start),
          ms(analysed - parsed), ms(opened - analysed)),
        target: "<= 2000 ms", pass: loadMs <= 2000),
      BenchRow(
        figure: "trace: step forward, mean (frame every 100th)",
        value: String(format: "%.1f us", stepMicros), target: "-", pass: nil),
      BenchRow(
        figure: "trace: worst step + 120x40 frame (\(frames) frames)",
        value: String(format: "%.2f ms", ms(worstStepFrame)), target: "<= 16 ms",
        pass: ms(worstStepFrame) <= 16),
      BenchRow(
        figure: "trace: worst step back + frame (replay from checkpoint)",
        value: String(format: "%.2f ms", ms(worstBack)), target: "<= 16 ms",
        pass: ms(worstBack) <= 16),
    ]
  }
}
